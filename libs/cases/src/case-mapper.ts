import { lightAt } from '@citygrid/calendar';
import type { CaseDto } from './dto/case.dto';
import type { CaseEntity } from './entities/case.entity';
import { startOf } from './clock/case-clock';
import type { WorkflowState } from './workflow/case-workflow';

export const workflowStateOf = (entity: CaseEntity): WorkflowState => ({
  status: entity.status,
  pending: entity.pending,
  selfHandled: entity.selfHandled,
  reworkCount: entity.reworkCount,
  returnCount: entity.returnCount,
  supervised: entity.supervised,
});

export function toCaseDto(entity: CaseEntity, matterName: string | null, now: Date): CaseDto {
  const start = startOf(entity.status, entity);
  const { stepWarnAt: warnAt, stepDeadline: dueAt } = entity;
  return {
    id: entity.id,
    number: entity.number,
    source: entity.source,
    status: entity.status,
    catalogueVersion: entity.catalogueVersionId,
    matterKind: entity.matterKind,
    matterCode: entity.matterCode,
    matterName,
    conditionKey: entity.filingConditionKey,
    location: {
      lng: entity.lng,
      lat: entity.lat,
      sourceCrs: entity.sourceCrs,
      address: entity.address,
      unitGridCode: entity.unitGridCode,
      responsibilityGridCode: entity.responsibilityGridCode,
      communityCode: entity.communityCode,
      streetCode: entity.streetCode,
      areaClass: entity.areaClass,
      outOfGrid: entity.outOfGrid,
    },
    description: entity.description,
    reporterId: entity.reporterId,
    reporterContact: entity.reporterContact,
    ownerId: entity.ownerId,
    departmentId: entity.departmentId,
    routedAt: entity.routedAt?.toISOString() ?? null,
    routedDepartmentId: entity.routedDepartmentId,
    selfHandled: entity.selfHandled,
    urgent: entity.urgent,
    supervised: entity.supervised,
    overdue: entity.overdue,
    reworkCount: entity.reworkCount,
    returnCount: entity.returnCount,
    pending: entity.pending,
    requestedExtension: entity.requestedExtension,
    handleLimit: entity.handleLimit,
    step:
      start && warnAt && dueAt
        ? {
            step: start.step,
            startedAt: start.startedAt.toISOString(),
            warnAt: warnAt.toISOString(),
            dueAt: dueAt.toISOString(),
            light: lightAt({ warnAt, dueAt }, now),
          }
        : null,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

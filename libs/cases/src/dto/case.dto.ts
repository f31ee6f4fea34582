import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Light, Step, TimeLimit } from '@citygrid/calendar';
import type { ActivityDetails } from '../entities/case-activity.entity';
import { CaseSource } from '../entities/case.entity';
import { PhotoStage } from '../entities/case-photo.entity';
import { CaseAction, PendingRequest } from '../workflow/case-action';
import { CaseStatus } from '../workflow/case-status';

export class CaseLocationDto {
  @ApiPropertyOptional({ description: 'WGS-84' }) lng: number | null;
  @ApiPropertyOptional() lat: number | null;
  @ApiPropertyOptional({ description: 'the datum the reporter sent' }) sourceCrs: string | null;
  @ApiPropertyOptional() address: string | null;
  @ApiPropertyOptional() unitGridCode: string | null;
  @ApiPropertyOptional() responsibilityGridCode: string | null;
  @ApiPropertyOptional() communityCode: string | null;
  @ApiPropertyOptional() streetCode: string | null;
  @ApiPropertyOptional({ enum: ['A', 'B', 'C'] }) areaClass: string | null;
  @ApiProperty({ description: 'in no unit grid: the dispatch center’s pool (OUT_OF_GRID)' })
  outOfGrid: boolean;
}

/** The step the case is in now, and how its clock stands. */
export class CaseStepDto {
  @ApiProperty() step: Step;
  @ApiProperty() startedAt: string;
  @ApiProperty() warnAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) light: Light;
}

export class CaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '20261121000001' }) number: string;
  @ApiProperty({ enum: CaseSource }) source: CaseSource;
  @ApiProperty({ enum: CaseStatus }) status: CaseStatus;
  @ApiProperty() catalogueVersion: number;
  @ApiProperty() matterKind: string;
  @ApiProperty() matterCode: string;
  @ApiPropertyOptional() matterName: string | null;
  @ApiProperty() conditionKey: string;
  @ApiProperty() location: CaseLocationDto;
  @ApiProperty() description: string;
  @ApiPropertyOptional() reporterId: string | null;
  @ApiPropertyOptional() reporterContact: string | null;
  @ApiPropertyOptional() ownerId: string | null;
  @ApiPropertyOptional() departmentId: string | null;
  @ApiPropertyOptional({ description: 'When routing placed the case; null while it waits to be routed' })
  routedAt: string | null;
  @ApiPropertyOptional({ description: 'The department the routing rules name (the dispatcher’s suggestion)' })
  routedDepartmentId: string | null;
  @ApiProperty() selfHandled: boolean;
  @ApiProperty() urgent: boolean;
  @ApiProperty() supervised: boolean;
  @ApiProperty() overdue: boolean;
  @ApiProperty() reworkCount: number;
  @ApiProperty() returnCount: number;
  @ApiProperty({ enum: PendingRequest, isArray: true }) pending: PendingRequest[];
  @ApiPropertyOptional({ description: 'the extension a pending postponement asks for' })
  requestedExtension: TimeLimit | null;
  @ApiProperty({ description: 'the handling limit of the filing condition' }) handleLimit: TimeLimit;
  @ApiPropertyOptional({ type: CaseStepDto, description: 'null when no clock runs (suspended, closed)' })
  step: CaseStepDto | null;
  @ApiProperty({ description: 'send it back with the next action' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CaseActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() action: string;
  @ApiPropertyOptional() fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiPropertyOptional() actorId: string | null;
  @ApiPropertyOptional() actorName: string | null;
  @ApiPropertyOptional() actorRole: string | null;
  @ApiPropertyOptional() departmentId: string | null;
  @ApiPropertyOptional() opinion: string | null;
  @ApiPropertyOptional() details: ActivityDetails | null;
  @ApiProperty({ type: [String] }) photoIds: string[];
  @ApiProperty() startedAt: string;
  @ApiProperty() endedAt: string;
  @ApiPropertyOptional() deadline: string | null;
  @ApiPropertyOptional({ description: 'with approved extensions' }) extendedDeadline: string | null;
}

export class CasePhotoDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: PhotoStage }) stage: PhotoStage;
  @ApiProperty() contentType: string;
  @ApiProperty() bytes: number;
  @ApiProperty() url: string;
  @ApiProperty() thumbnailUrl: string;
  @ApiPropertyOptional() uploadedBy: string | null;
  @ApiProperty() createdAt: string;
}

/** A step's deadline: finished (from the log), open (with its light) or projected ahead. */
export class StepDeadlineDto {
  @ApiProperty() step: string;
  @ApiProperty() startedAt: string;
  @ApiPropertyOptional() warnAt: string | null;
  @ApiPropertyOptional() dueAt: string | null;
  @ApiPropertyOptional() endedAt: string | null;
  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red'] }) light: Light | null;
  @ApiPropertyOptional({ description: 'finished steps: ended by their deadline' }) onTime: boolean | null;
  @ApiProperty() projected: boolean;
}

export class CaseDetailDto extends CaseDto {
  @ApiProperty({ type: [CaseActivityDto] }) activities: CaseActivityDto[];
  @ApiProperty({ type: [CasePhotoDto] }) photos: CasePhotoDto[];
  @ApiProperty({ type: [StepDeadlineDto] }) deadlines: StepDeadlineDto[];
  @ApiProperty({ enum: CaseAction, isArray: true, description: 'what the caller may do now' })
  allowedActions: CaseAction[];
}

export class AllowedActionsDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: CaseStatus }) status: CaseStatus;
  @ApiProperty({ enum: CaseAction, isArray: true }) actions: CaseAction[];
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AreasService, layerOfCode, LocateService } from '@citygrid/areas';
import { CatalogueService, MAJOR_CLASSES, type MatterKind } from '@citygrid/catalogue';
import { AdvisoryLock, ErrorKind, lockedTransaction, type ErrorDetail } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import { DepartmentsService } from '@citygrid/departments';
import type { DataSource, EntityManager } from 'typeorm';
import {
  toRoutingRuleDto,
  type CreateRoutingRuleDto,
  type RoutingRuleDto,
  type RoutingTestDto,
  type RoutingTestResultDto,
  type UpdateRoutingRuleDto,
} from './dto/routing-rule.dto';
import { RoutingRuleEntity } from './routing-rule.entity';
import { RoutingErrorCode, RoutingException } from './routing.exception';
import { matchRoutingRules, type RoutingSample } from './rule-match';

@Injectable()
export class RoutingRulesService {
  /** The ordered rules as of a reference data version (see routeAt). */
  private kept: { version: string; rules: Promise<RoutingRuleEntity[]> } | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locator: LocateService,
    private readonly areas: AreasService,
    private readonly catalogue: CatalogueService,
    private readonly departments: DepartmentsService,
  ) {}

  async list(): Promise<RoutingRuleDto[]> {
    return (await this.ordered(this.dataSource.manager)).map(toRoutingRuleDto);
  }

  async get(id: string): Promise<RoutingRuleDto> {
    return toRoutingRuleDto(await this.require(this.dataSource.manager, id));
  }

  async create(dto: CreateRoutingRuleDto): Promise<RoutingRuleDto> {
    const { position, ...fields } = dto;
    await this.check(fields);
    const created = await this.reordering(async (manager, rules) => {
      const rule = manager.getRepository(RoutingRuleEntity).create({
        ...emptyCriteria,
        ...fields,
        autoDispatch: fields.autoDispatch ?? false,
        enabled: fields.enabled ?? true,
        position: 0,
      });
      rules.splice(Math.min(position ?? rules.length + 1, rules.length + 1) - 1, 0, rule);
      return rule;
    });
    return toRoutingRuleDto(created);
  }

  async update(id: string, dto: UpdateRoutingRuleDto): Promise<RoutingRuleDto> {
    const { position, ...fields } = dto;
    const updated = await this.reordering(async (_manager, rules) => {
      const index = rules.findIndex((rule) => rule.id === id);
      if (index < 0) throw notFound(id);
      const rule = Object.assign(rules[index], fields);
      await this.check(rule);
      if (position !== undefined) {
        rules.splice(index, 1);
        rules.splice(Math.min(position, rules.length + 1) - 1, 0, rule);
      }
      return rule;
    });
    return toRoutingRuleDto(updated);
  }

  async remove(id: string): Promise<void> {
    await this.reordering(async (manager, rules) => {
      const index = rules.findIndex((rule) => rule.id === id);
      if (index < 0) throw notFound(id);
      rules.splice(index, 1);
      await manager.getRepository(RoutingRuleEntity).delete({ id });
    });
  }

  /** Puts every rule in the order given; the list must name each rule once. */
  async reorder(ids: string[]): Promise<RoutingRuleDto[]> {
    await this.reordering(async (_manager, rules) => {
      const byId = new Map(rules.map((rule) => [rule.id, rule]));
      if (ids.length !== rules.length || ids.some((id) => !byId.has(id))) {
        throw new RoutingException(
          RoutingErrorCode.ROUTING_ORDER_INCOMPLETE,
          `Name every rule once: there are ${rules.length}`,
          ErrorKind.Rule,
        );
      }
      rules.splice(0, rules.length, ...ids.map((id) => byId.get(id)!));
    });
    return this.list();
  }

  /** The first rule that matches, with the verdict of every rule tried. */
  async route(sample: RoutingSample) {
    return matchRoutingRules(await this.ordered(this.dataSource.manager), sample, this.config.TZ_CITY);
  }

  /**
   * As `route`, with the rules kept in memory while the reference data stays at `referenceVersion`: the
   * caller reads `reference_data_version` in the same statement as the case it routes, so any change
   * committed before that read, in whatever process, moves the number and the rules are read again.
   */
  async routeAt(referenceVersion: string, sample: RoutingSample) {
    let kept = this.kept;
    if (kept?.version !== referenceVersion) {
      // Read after the version: the rules are at least that new, which is all a route needs.
      const loading = { version: referenceVersion, rules: this.ordered(this.dataSource.manager) };
      loading.rules.catch(() => this.kept === loading && (this.kept = null));
      this.kept = kept = loading;
    }
    return matchRoutingRules(await kept.rules, sample, this.config.TZ_CITY);
  }

  /** Which rule a sample case matches and why: the matter, a unit grid or a point, and a time. */
  async test(dto: RoutingTestDto): Promise<RoutingTestResultDto> {
    const matter = await this.catalogue.get(dto.matterKind, dto.matterCode);
    const unitGridCode =
      dto.unitGridCode ?? (dto.lng !== undefined ? this.locator.locatePoint(dto.lng, dto.lat!).code : null);
    const sample: RoutingSample = {
      matterKind: matter.kind,
      matterCode: matter.code,
      family: matter.family,
      unitGridCode,
      responsibilityGridCode: unitGridCode ? await this.areas.responsibilityGridOf(unitGridCode) : null,
      at: dto.at ? new Date(dto.at) : new Date(),
    };
    const { rule, trace } = await this.route(sample);
    const department = rule ? await this.departments.require(rule.departmentId) : null;
    return {
      sample: { ...sample, at: sample.at.toISOString() },
      rule: rule ? toRoutingRuleDto(rule) : null,
      department: department && { id: department.id, code: department.code, name: department.name },
      autoDispatch: rule?.autoDispatch ?? false,
      trace,
    };
  }

  private ordered(manager: EntityManager): Promise<RoutingRuleEntity[]> {
    return manager.getRepository(RoutingRuleEntity).find({ order: { position: 'ASC' } });
  }

  private async require(manager: EntityManager, id: string): Promise<RoutingRuleEntity> {
    const rule = await manager.getRepository(RoutingRuleEntity).findOneBy({ id });
    if (!rule) throw notFound(id);
    return rule;
  }

  /** Changes the list under a lock and writes positions 1..n back, so the order has no gaps or ties. */
  private async reordering<T>(
    change: (manager: EntityManager, rules: RoutingRuleEntity[]) => Promise<T>,
  ): Promise<T> {
    return lockedTransaction(this.dataSource, AdvisoryLock.RoutingOrder, async (manager) => {
      const rules = await this.ordered(manager);
      const result = await change(manager, rules);
      rules.forEach((r, i) => (r.position = i + 1));
      await manager.getRepository(RoutingRuleEntity).save(rules);
      return result;
    });
  }

  /** A rule that could never fire, or fire wrongly, is refused with every reason. */
  private async check(rule: Partial<RoutingRuleEntity>): Promise<void> {
    const problems: ErrorDetail[] = [];
    const kind = rule.matterKind as MatterKind | null | undefined;
    if (rule.matterCode && !kind) {
      problems.push({ field: 'matterKind', message: 'needed with matterCode: codes repeat across kinds' });
    }
    if (rule.matterCode && rule.majorCode) {
      problems.push({ field: 'majorCode', message: 'give a matter or a major class, not both' });
    }
    if (rule.matterCode && kind && !(await this.catalogue.exists(kind, rule.matterCode))) {
      problems.push({
        field: 'matterCode',
        message: `no ${kind} matter ${rule.matterCode} in the current catalogue`,
      });
    }
    if (
      rule.majorCode &&
      !MAJOR_CLASSES.some((m) => m.code === rule.majorCode && (!kind || m.kind === kind))
    ) {
      problems.push({
        field: 'majorCode',
        message: `no ${kind ?? ''} major class ${rule.majorCode}`.replace('  ', ' '),
      });
    }
    const layer = rule.areaCode ? layerOfCode(rule.areaCode) : null;
    if (rule.areaCode && (!layer || !(await this.areas.exists(layer, rule.areaCode)))) {
      problems.push({ field: 'areaCode', message: `no area ${rule.areaCode}` });
    }
    if (
      Boolean(rule.windowStart) !== Boolean(rule.windowEnd) ||
      (rule.windowStart && rule.windowStart === rule.windowEnd)
    ) {
      problems.push({
        field: 'windowEnd',
        message: 'a time window needs a start and a different end, or neither',
      });
    }
    if (rule.departmentId && !(await this.departments.exists(rule.departmentId))) {
      problems.push({ field: 'departmentId', message: 'no such department' });
    }
    if (problems.length > 0) {
      throw new RoutingException(
        RoutingErrorCode.ROUTING_RULE_INVALID,
        'The rule cannot be used as it is',
        ErrorKind.Rule,
        problems,
      );
    }
  }
}

const emptyCriteria = {
  matterKind: null,
  matterCode: null,
  majorCode: null,
  family: null,
  areaCode: null,
  windowStart: null,
  windowEnd: null,
};

const notFound = (id: string) =>
  new RoutingException(RoutingErrorCode.ROUTING_RULE_NOT_FOUND, `No routing rule ${id}`, ErrorKind.NotFound);

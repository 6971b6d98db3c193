import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WarningLightRuleSet } from '@app/domain';
import { DEFAULT_WARNING_LIGHT_RULES, warningLightRuleText } from '@app/reporting';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { expectedVersion } from '../common/etag';
import { UpdateWarningLightRulesDto, WarningLightRulesResponse } from './dto/warning-light-rules.dto';

/**
 * The thresholds N, M, P of the warning lights: one row (id 1) that admins
 * change with If-Match, audited in the same transaction. Lights are computed
 * on read, so a change shows at once everywhere (stored weekly reports keep the
 * thresholds they were built with).
 */
@Injectable()
export class WarningLightRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<WarningLightRulesResponse> {
    const row = await this.dataSource.manager.findOneBy(WarningLightRuleSet, { id: 1 });
    return toResponse(row ?? this.defaults());
  }

  async update(principal: Principal, body: UpdateWarningLightRulesDto, ifMatch: string | undefined): Promise<WarningLightRulesResponse> {
    const expected = expectedVersion(ifMatch, body.version);
    return this.dataSource.transaction(async (manager) => {
      const before =
        (await manager.findOne(WarningLightRuleSet, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } })) ??
        (await manager.save(WarningLightRuleSet, this.defaults()));
      if (before.version !== expected) {
        throw Errors.preconditionFailed(`The rules are at version ${before.version}, not ${expected}; read them again`);
      }
      const next = {
        ...before,
        dueSoonWorkingDays: body.dueSoonWorkingDays,
        baselineSlipWorkingDays: body.baselineSlipWorkingDays,
        progressLagPoints: body.progressLagPoints,
        startRuleEnabled: body.startRuleEnabled ?? before.startRuleEnabled,
        startYellowWorkingDays: body.startYellowWorkingDays ?? before.startYellowWorkingDays,
        startRedWorkingDays: body.startRedWorkingDays ?? before.startRedWorkingDays,
        investmentRuleEnabled: body.investmentRuleEnabled ?? before.investmentRuleEnabled,
        investmentYellowPoints: body.investmentYellowPoints ?? before.investmentYellowPoints,
        investmentRedPoints: body.investmentRedPoints ?? before.investmentRedPoints,
        problemRuleEnabled: body.problemRuleEnabled ?? before.problemRuleEnabled,
        problemYellowWorkingDays: body.problemYellowWorkingDays ?? before.problemYellowWorkingDays,
        problemRedWorkingDays: body.problemRedWorkingDays ?? before.problemRedWorkingDays,
        updatedByName: principal.name,
      };
      const problems = [
        next.startRedWorkingDays < next.startYellowWorkingDays && { field: 'startRedWorkingDays', reason: 'must not be below startYellowWorkingDays (红灯阈值不能小于黄灯阈值)' },
        next.investmentRedPoints < next.investmentYellowPoints && { field: 'investmentRedPoints', reason: 'must not be below investmentYellowPoints (红灯阈值不能小于黄灯阈值)' },
        next.problemRedWorkingDays < next.problemYellowWorkingDays && { field: 'problemRedWorkingDays', reason: 'must not be below problemYellowWorkingDays (红灯阈值不能小于黄灯阈值)' },
      ].filter((problem): problem is { field: string; reason: string } => Boolean(problem));
      if (problems.length > 0) throw Errors.validation(problems);
      const after = await manager.save(WarningLightRuleSet, next);
      await this.audit.record(manager, principal, { action: 'update', entityType: 'warning_light_rules', entityId: '1', before: { ...before }, after: { ...after } });
      return toResponse(after);
    });
  }

  private defaults(): WarningLightRuleSet {
    return Object.assign(new WarningLightRuleSet(), { id: 1, ...DEFAULT_WARNING_LIGHT_RULES, version: 1, updatedAt: new Date(0), updatedByName: null });
  }
}

function toResponse(row: WarningLightRuleSet): WarningLightRulesResponse {
  const rules = {
    ...DEFAULT_WARNING_LIGHT_RULES,
    dueSoonWorkingDays: row.dueSoonWorkingDays,
    baselineSlipWorkingDays: row.baselineSlipWorkingDays,
    progressLagPoints: row.progressLagPoints,
    startRuleEnabled: row.startRuleEnabled,
    startYellowWorkingDays: row.startYellowWorkingDays,
    startRedWorkingDays: row.startRedWorkingDays,
    investmentRuleEnabled: row.investmentRuleEnabled,
    investmentYellowPoints: row.investmentYellowPoints,
    investmentRedPoints: row.investmentRedPoints,
    problemRuleEnabled: row.problemRuleEnabled,
    problemYellowWorkingDays: row.problemYellowWorkingDays,
    problemRedWorkingDays: row.problemRedWorkingDays,
  };
  return {
    dueSoonWorkingDays: rules.dueSoonWorkingDays,
    baselineSlipWorkingDays: rules.baselineSlipWorkingDays,
    progressLagPoints: rules.progressLagPoints,
    startRuleEnabled: rules.startRuleEnabled,
    startYellowWorkingDays: rules.startYellowWorkingDays,
    startRedWorkingDays: rules.startRedWorkingDays,
    investmentRuleEnabled: rules.investmentRuleEnabled,
    investmentYellowPoints: rules.investmentYellowPoints,
    investmentRedPoints: rules.investmentRedPoints,
    problemRuleEnabled: rules.problemRuleEnabled,
    problemYellowWorkingDays: rules.problemYellowWorkingDays,
    problemRedWorkingDays: rules.problemRedWorkingDays,
    version: row.version, updatedAt: row.updatedAt.toISOString(), updatedByName: row.updatedByName, text: warningLightRuleText(rules) };
}

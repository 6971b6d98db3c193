import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import { Department, DepartmentChannel, type DepartmentChannelKind } from '@app/domain';
import {
  ChannelDeliveryError,
  DELIVERY_CHANNEL_LABELS,
  DeliveryChannels,
  isEmailAddress,
  OutboundAddressGuard,
  OutboundAddressRefused,
  recipientKey,
  type ChannelMessage,
  type DeliveryReceipt,
} from '@app/notifications';
import { AuditService } from '../audit/audit.service';
import { requireUnitWrite } from '../access/access';
import type { Principal } from '../auth/principal';
import { Errors, type FieldError } from '../common/app-error';
import { CreateDepartmentChannelDto } from './dto/create-department-channel.dto';
import { ChannelDeliveryResult, ChannelTestResponse, DepartmentChannelListItem, DepartmentChannelResponse } from './dto/department-channel.response';
import { UpdateDepartmentChannelDto } from './dto/update-department-channel.dto';
import { NotificationChannelErrors } from './notification-channel.errors';

const ENTITY_TYPE = 'department_channel';

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * Where a department's reminders go besides the inbox (钉钉 / 企业微信 robots,
 * e-mail). Admins manage every department's channels; a department editor only
 * its own; everyone else is refused (the controller lets only those two roles in).
 */
@Injectable()
export class NotificationChannelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly channels: DeliveryChannels,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly outbound: OutboundAddressGuard,
  ) {}

  async list(principal: Principal, departmentId: string): Promise<DepartmentChannelListItem[]> {
    assertMayManage(principal, departmentId);
    await this.requireDepartment(this.dataSource.manager, departmentId);
    const rows = await this.dataSource.getRepository(DepartmentChannel).find({ where: { departmentId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const last = await this.lastDeliveries(rows);
    return rows.map((row) => ({ ...DepartmentChannelResponse.from(row), lastDelivery: last.get(row.id) ?? null }));
  }

  /**
   * Each channel's latest delivery attempt, from what is recorded anyway: the test sends (audited with their outcome),
   * the worker's milestone and 督办单 reminders (by recipient key: the channel and a hash of its address, as the worker
   * builds it) and its event deliveries (by channel id). One query for the department's few channels.
   */
  private async lastDeliveries(rows: DepartmentChannel[]): Promise<Map<string, ChannelDeliveryResult>> {
    if (rows.length === 0) return new Map();
    const found: Array<{ id: string; source: ChannelDeliveryResult['source']; at: Date; delivered: boolean; status: number | null; error: string | null }> =
      await this.dataSource.query(
        `SELECT c.id, d.source, d.at, d.delivered, d.status, d.error
           FROM unnest($1::uuid[], $2::text[]) AS c(id, recipient_key)
           CROSS JOIN LATERAL (
             SELECT * FROM (
               (SELECT 'test' AS source, a.occurred_at AS at, coalesce((a.after->>'delivered')::boolean, false) AS delivered,
                       (a.after->>'status')::int AS status, a.after->>'error' AS error
                  FROM audit_log a
                 WHERE a.entity_type = '${ENTITY_TYPE}' AND a.entity_id = c.id::text AND a.action = 'test'
                 ORDER BY a.occurred_at DESC LIMIT 1)
               UNION ALL
               (SELECT 'reminder', r.updated_at, r.status = 'sent', NULL::int, r.last_error
                  FROM reminders r WHERE r.recipient_key = c.recipient_key AND r.attempts > 0
                 ORDER BY r.updated_at DESC LIMIT 1)
               UNION ALL
               (SELECT 'notice_reminder', n.updated_at, n.status = 'sent', NULL::int, n.last_error
                  FROM notice_reminders n WHERE n.recipient_key = c.recipient_key AND n.attempts > 0
                 ORDER BY n.updated_at DESC LIMIT 1)
               UNION ALL
               (SELECT 'event', e.last_attempt_at, e.status = 'sent', NULL::int, e.last_error
                  FROM event_deliveries e WHERE e.department_channel_id = c.id AND e.last_attempt_at IS NOT NULL
                 ORDER BY e.last_attempt_at DESC LIMIT 1)
             ) attempts ORDER BY at DESC LIMIT 1
           ) d`,
        [rows.map((row) => row.id), rows.map(recipientKeyOf)],
      );
    return new Map(
      found.map((row) => [
        row.id,
        { at: new Date(row.at).toISOString(), delivered: row.delivered, source: row.source, status: row.status, error: row.error },
      ]),
    );
  }

  async create(principal: Principal, departmentId: string, input: CreateDepartmentChannelDto): Promise<DepartmentChannelResponse> {
    assertMayManage(principal, departmentId);
    await this.checkAddressAndSecret(input.channel, input.address, input.secret ?? null);
    return this.dataSource.transaction(async (manager) => {
      await this.requireDepartment(manager, departmentId);
      await refuseDuplicate(manager, departmentId, input.channel, input.address);
      const row = await manager.save(
        DepartmentChannel,
        manager.create(DepartmentChannel, {
          departmentId,
          channel: input.channel,
          address: input.address,
          label: input.label || null,
          secret: input.secret ?? null,
          enabled: input.enabled ?? true,
          minEscalationLevel: input.minEscalationLevel ?? 0,
          kinds: input.kinds ?? null,
        }),
      );
      const after = DepartmentChannelResponse.from(row);
      await this.audit.record(manager, principal, { action: 'create', entityType: ENTITY_TYPE, entityId: row.id, after });
      return after;
    });
  }

  async update(principal: Principal, id: string, changes: UpdateDepartmentChannelDto): Promise<DepartmentChannelResponse> {
    const notNull = (['address', 'enabled', 'minEscalationLevel'] as const).filter((field) => changes[field] === null);
    if (notNull.length > 0) throw Errors.validation(notNull.map((field) => ({ field, reason: `${field} cannot be null` })));
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(DepartmentChannel, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw Errors.notFound('department_channel', id);
      assertMayManage(principal, row.departmentId);
      const before = DepartmentChannelResponse.from(row);
      const next = {
        address: changes.address ?? row.address,
        secret: changes.secret === undefined ? row.secret : changes.secret,
        label: changes.label === undefined ? row.label : changes.label || null,
        enabled: changes.enabled ?? row.enabled,
        minEscalationLevel: changes.minEscalationLevel ?? row.minEscalationLevel,
        kinds: changes.kinds === undefined ? row.kinds : changes.kinds,
      };
      await this.checkAddressAndSecret(row.channel, next.address, next.secret);
      if (next.address !== row.address) await refuseDuplicate(manager, row.departmentId, row.channel, next.address, row.id);
      Object.assign(row, next);
      const saved = await manager.save(DepartmentChannel, row);
      const after = DepartmentChannelResponse.from(saved);
      await this.audit.record(manager, principal, { action: 'update', entityType: ENTITY_TYPE, entityId: id, before, after });
      return after;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(DepartmentChannel, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw Errors.notFound('department_channel', id);
      assertMayManage(principal, row.departmentId);
      await manager.delete(DepartmentChannel, { id });
      await this.audit.record(manager, principal, { action: 'delete', entityType: ENTITY_TYPE, entityId: id, before: DepartmentChannelResponse.from(row) });
    });
  }

  /**
   * Sends a test message now, through the same channel code the worker uses, so
   * a department sees at once whether its robot or address works (also when the
   * channel is disabled), with the same address rules (checked again now, after
   * DNS resolution). The answer gives the robot's HTTP status and the time it took,
   * never the remote body: the URL is a department's input, and reflecting what a
   * server said would let anyone read internal pages through us. A failed delivery
   * is a 502 saying what went wrong in those terms. The attempt is audited either way.
   */
  async sendTest(principal: Principal, id: string): Promise<ChannelTestResponse> {
    const row = await this.dataSource.getRepository(DepartmentChannel).findOne({ where: { id }, relations: { department: true } });
    if (!row) throw Errors.notFound('department_channel', id);
    assertMayManage(principal, row.departmentId);
    const now = this.clock.now();
    const message = this.testMessage(row, principal, now);
    let failure: string | undefined;
    let failedStatus: number | undefined;
    let receipt: DeliveryReceipt | undefined;
    try {
      receipt = await this.channels.get(row.channel).send({ address: row.address, secret: row.secret }, message);
    } catch (error) {
      failure = error instanceof ChannelDeliveryError ? error.message : 'the channel failed unexpectedly';
      failedStatus = error instanceof ChannelDeliveryError ? error.status : undefined;
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, principal, {
        action: 'test',
        entityType: ENTITY_TYPE,
        entityId: id,
        after: { reminderId: message.reminderId, delivered: failure === undefined, status: receipt?.status ?? failedStatus ?? null, error: failure ?? null },
      }),
    );
    if (failure !== undefined) {
      throw NotificationChannelErrors.testFailed(failure);
    }
    return {
      delivered: true,
      channel: row.channel,
      reminderId: message.reminderId,
      sentAt: now.toISOString(),
      status: receipt?.status ?? null,
      durationMs: receipt?.durationMs ?? 0,
    };
  }

  private testMessage(row: DepartmentChannel, principal: Principal, now: Date): ChannelMessage {
    const channelName = row.label ? `${row.label}（${DELIVERY_CHANNEL_LABELS[row.channel]}）` : DELIVERY_CHANNEL_LABELS[row.channel];
    return {
      reminderId: `test-${row.id}-${now.getTime()}`,
      title: '【测试】重点工程调度提醒通道测试',
      text: [
        '这是一条测试消息：收到即说明本通道可以接收玉泉区重点工程调度系统的催办提醒，无需处理。',
        `**责任单位**：${row.department?.name ?? row.departmentId}`,
        `**通道**：${channelName}`,
        `**发送人**：${principal.name}`,
        `**发送时间**：${shanghaiTime.format(now)}`,
      ].join('\n\n'),
      link: this.config.PUBLIC_BASE_URL,
    };
  }

  /**
   * Robots need an https webhook on a public host (the OutboundAddressGuard resolves the name and refuses
   * loopback, private, link-local and metadata addresses; CHANNEL_HOST_ALLOWLIST when set), e-mail a valid
   * address; only DingTalk robots have a secret.
   */
  private async checkAddressAndSecret(channel: DepartmentChannelKind, address: string, secret: string | null): Promise<void> {
    const problems: FieldError[] = [];
    if (channel === 'email') {
      if (!isEmailAddress(address)) problems.push({ field: 'address', reason: 'address must be an e-mail address, e.g. fgw@yuquan.gov.cn' });
    } else {
      try {
        await this.outbound.check(address);
      } catch (error) {
        if (!(error instanceof OutboundAddressRefused)) throw error;
        problems.push({ field: 'address', reason: `address ${error.message}` });
      }
    }
    if (secret !== null && channel !== 'dingtalk') {
      problems.push({ field: 'secret', reason: 'only DingTalk robots (加签) have a secret' });
    }
    if (problems.length > 0) throw Errors.validation(problems);
  }

  private async requireDepartment(manager: EntityManager, departmentId: string): Promise<void> {
    if (!(await manager.existsBy(Department, { id: departmentId }))) throw Errors.notFound('department', departmentId);
  }
}

/** The worker's recipient key of a channel (libs/notifications' recipientKey): its reminders carry it. */
function recipientKeyOf(row: DepartmentChannel): string {
  return recipientKey(row);
}

/** Admins: any unit's channels; a department editor its own unit's (access.ts); anyone else: 403. */
function assertMayManage(principal: Principal, departmentId: string): void {
  requireUnitWrite(principal, departmentId, "this unit's notification channels");
}


/**
 * 409 when the department already has this channel with this address. Addresses are stored encrypted with
 * random IVs, so no unique constraint can see equal ones: the department's row is locked (FOR UPDATE) so two
 * writes for one department take turns, and its few channels are compared decrypted.
 */
async function refuseDuplicate(manager: EntityManager, departmentId: string, channel: DepartmentChannelKind, address: string, exceptId?: string): Promise<void> {
  await manager.query(`SELECT 1 FROM departments WHERE id = $1 FOR UPDATE`, [departmentId]);
  const siblings = await manager.find(DepartmentChannel, { where: { departmentId, channel } });
  if (siblings.some((sibling) => sibling.id !== exceptId && sibling.address === address)) {
    throw NotificationChannelErrors.alreadyExists();
  }
}

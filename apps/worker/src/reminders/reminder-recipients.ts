import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DepartmentRecipientSource } from './department-recipient.source';
import { ReminderChannelRegistry } from '../reminder-delivery/reminder-channel.registry';
import { KeyedRecipient, keyedRecipients } from '../reminder-delivery/reminder-recipients';
import type { ReminderRecipient } from '../reminder-delivery/reminder-message';
import type { ReminderOccurrence } from './reminder-occurrence';

/** The parts of a milestone's project that decide who is reminded. */
export interface RecipientTarget {
  ownerDepartmentId: string | null;
  leadOfficialUserId: string | null;
}

export type { KeyedRecipient };

/**
 * Who gets a reminder, by escalation level:
 * - 0: the owner unit's active department editors (inbox) and the unit's
 *   configured robots / e-mail addresses subscribed to this kind and level;
 * - 1 (E1): also the project's lead official (包联领导), when the project names
 *   their active user account: in their inbox and, when the account has an
 *   e-mail address and the worker has e-mail, by e-mail to that address (the
 *   leader personally — not their office's robot, a group chat of its staff).
 *   An escalation is not optional: the per-kind "also channel" choice of the
 *   inbox does not mute it;
 * - 2 (E2): also every active 督查室 user (role supervisor).
 * A project without an owner unit is reminded to the 督查室 from level 0, so
 * that no overdue milestone is reminded to nobody.
 *
 * A session caches what it read (editors per unit, supervisors, unit channels)
 * for one scan or one event; batch it with prefetch() before asking per milestone.
 */
@Injectable()
export class ReminderRecipientResolver {
  constructor(
    private readonly departmentRecipients: DepartmentRecipientSource,
    private readonly channels: ReminderChannelRegistry,
  ) {}

  session(manager: EntityManager): RecipientSession {
    return new RecipientSession(manager, this.departmentRecipients, this.channels);
  }
}

export class RecipientSession {
  private readonly editorsByDepartment = new Map<string, string[]>();
  private readonly activeUsers = new Map<string, boolean>();
  /** The e-mail address of each active lead official read, or null. */
  private readonly leadEmails = new Map<string, string | null>();
  private supervisors?: string[];
  private readonly departmentChannels = new Map<string, ReminderRecipient[]>();
  /** Units with at least one enabled robot or mailbox; the others need no per-unit lookup. */
  private departmentsWithChannels?: Set<string>;

  constructor(
    private readonly manager: EntityManager,
    private readonly departmentRecipients: DepartmentRecipientSource,
    private readonly channels: ReminderChannelRegistry,
  ) {}

  /** Reads, in a few queries, the editors and lead officials of a batch of targets. */
  async prefetch(targets: RecipientTarget[]): Promise<void> {
    const departments = [...new Set(targets.map((t) => t.ownerDepartmentId).filter((id): id is string => !!id && !this.editorsByDepartment.has(id)))];
    if (departments.length > 0) {
      const rows: Array<{ id: string; department_id: string }> = await this.manager.query(
        `SELECT id, department_id FROM users
          WHERE role = 'department_editor' AND is_active AND department_id = ANY($1::uuid[])
          ORDER BY department_id, id`,
        [departments],
      );
      for (const department of departments) this.editorsByDepartment.set(department, []);
      for (const row of rows) this.editorsByDepartment.get(row.department_id)!.push(row.id);
    }
    const leads = [...new Set(targets.map((t) => t.leadOfficialUserId).filter((id): id is string => !!id && !this.activeUsers.has(id)))];
    if (leads.length > 0) {
      const rows: Array<{ id: string; email: string | null }> = await this.manager.query(
        `SELECT id, NULLIF(btrim(email), '') AS email FROM users WHERE id = ANY($1::uuid[]) AND is_active`,
        [leads],
      );
      for (const lead of leads) this.activeUsers.set(lead, false);
      for (const row of rows) {
        this.activeUsers.set(row.id, true);
        this.leadEmails.set(row.id, row.email);
      }
    }
  }

  async recipientsFor(target: RecipientTarget, occurrence: Pick<ReminderOccurrence, 'kind' | 'escalationLevel'>): Promise<KeyedRecipient[]> {
    await this.prefetch([target]);
    const users: string[] = [];
    const external: ReminderRecipient[] = [];
    if (target.ownerDepartmentId) {
      users.push(...(this.editorsByDepartment.get(target.ownerDepartmentId) ?? []));
      external.push(...(await this.departmentChannelsFor(target.ownerDepartmentId, occurrence)));
    }
    if (occurrence.escalationLevel >= 1 && target.leadOfficialUserId && this.activeUsers.get(target.leadOfficialUserId)) {
      users.push(target.leadOfficialUserId);
      const email = this.leadEmails.get(target.leadOfficialUserId);
      // Before the unit's channels: a unit mailbox with the same address is the same recipient (one key, one mail).
      if (email) external.unshift({ channel: 'email', address: email, userId: target.leadOfficialUserId });
    }
    if (occurrence.escalationLevel >= 2 || !target.ownerDepartmentId) {
      users.push(...(await this.supervisorIds()));
    }
    return keyedRecipients(users, external, this.channels);
  }

  private async supervisorIds(): Promise<string[]> {
    if (!this.supervisors) {
      const rows: Array<{ id: string }> = await this.manager.query(`SELECT id FROM users WHERE role = 'supervisor' AND is_active ORDER BY id`);
      this.supervisors = rows.map((row) => row.id);
    }
    return this.supervisors;
  }

  private async departmentChannelsFor(departmentId: string, occurrence: Pick<ReminderOccurrence, 'kind' | 'escalationLevel'>): Promise<ReminderRecipient[]> {
    if (!this.departmentsWithChannels) {
      const rows: Array<{ department_id: string }> = await this.manager.query(`SELECT DISTINCT department_id FROM department_channels WHERE enabled`);
      this.departmentsWithChannels = new Set(rows.map((row) => row.department_id));
    }
    if (!this.departmentsWithChannels.has(departmentId)) return [];
    const cacheKey = `${departmentId}|${occurrence.kind}|${occurrence.escalationLevel}`;
    let recipients = this.departmentChannels.get(cacheKey);
    if (!recipients) {
      recipients = await this.departmentRecipients.resolve(this.manager, departmentId, { kind: occurrence.kind, escalationLevel: occurrence.escalationLevel });
      this.departmentChannels.set(cacheKey, recipients);
    }
    return recipients;
  }
}

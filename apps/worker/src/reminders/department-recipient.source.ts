import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { resolveDepartmentRecipients } from '../external-channels/department-recipients';
import type { ReminderMessage, ReminderRecipient } from '../reminder-delivery/reminder-message';

/**
 * A department's external recipients (robots, e-mail addresses) for a reminder
 * of this kind and escalation level, from its channel settings (the channels
 * module's resolveDepartmentRecipients). Injectable so tests can stand in.
 */
@Injectable()
export class DepartmentRecipientSource {
  resolve(manager: EntityManager, departmentId: string, message: Pick<ReminderMessage, 'kind' | 'escalationLevel'>): Promise<ReminderRecipient[]> {
    return resolveDepartmentRecipients(manager, departmentId, message);
  }
}

import { EntityManager } from 'typeorm';
import { DepartmentChannel } from '@app/domain';
import type { ReminderMessage, ReminderRecipient } from '../reminder-delivery/reminder-message';

/**
 * The external recipients (robots, e-mail addresses) a department has set up for
 * its reminders, from `department_channels`: enabled rows only, oldest first.
 *
 * With `message`, only channels subscribed to it: its kind is among the channel's
 * kinds (or the channel takes all kinds) and its escalation level reaches the
 * channel's minimum. Without it, every enabled channel — callers that send a
 * reminder should pass the message.
 */
export async function resolveDepartmentRecipients(
  manager: EntityManager,
  departmentId: string,
  message?: Pick<ReminderMessage, 'kind' | 'escalationLevel'>,
): Promise<ReminderRecipient[]> {
  const query = manager
    .getRepository(DepartmentChannel)
    .createQueryBuilder('channel')
    .where('channel.departmentId = :departmentId', { departmentId })
    .andWhere('channel.enabled = true')
    .orderBy('channel.createdAt', 'ASC')
    .addOrderBy('channel.id', 'ASC');
  if (message) {
    query
      .andWhere('channel.minEscalationLevel <= :level', { level: message.escalationLevel })
      .andWhere('(channel.kinds IS NULL OR :kind = ANY(channel.kinds))', { kind: message.kind });
  }
  const channels = await query.getMany();
  return channels.map((channel) => ({ channel: channel.channel, address: channel.address, secret: channel.secret, userId: null }));
}

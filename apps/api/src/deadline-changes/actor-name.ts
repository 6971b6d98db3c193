import { EntityManager } from 'typeorm';
import { User } from '@app/domain';
import type { Principal } from '../auth/principal';

/** The name people know the actor by (a user's display name), for requests and history that people read. */
export async function actorName(manager: EntityManager, principal: Principal): Promise<string> {
  if (principal.kind !== 'user') return principal.name;
  const user = await manager.findOne(User, { select: { id: true, displayName: true }, where: { id: principal.id } });
  return user?.displayName ?? principal.name;
}

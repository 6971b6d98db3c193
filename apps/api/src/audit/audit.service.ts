import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@app/database';

export type { AuditEntry } from '@app/database';

/**
 * The API's audit writer: the one in libs/database (the worker writes with the same), provided to the API's
 * services; a Principal is an AuditActor.
 */
@Injectable()
export class AuditService extends AuditWriter {}

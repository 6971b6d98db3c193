import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { EARLIEST_DATE, isAcceptedDate, LATEST_DATE } from '../../common/validators';

const INSTANT_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A calendar date 'YYYY-MM-DD' (a whole day in Asia/Shanghai) or an ISO instant with its zone. */
export function isDateOrInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (!INSTANT_WITH_ZONE.test(value)) return isAcceptedDate(value);
  return !Number.isNaN(Date.parse(value)) && isAcceptedDate(value.slice(0, 10));
}

function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateOrInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a date YYYY-MM-DD or an instant like 2026-03-01T08:00:00+08:00, between ${EARLIEST_DATE} and ${LATEST_DATE}`, ...options },
      validator: { validate: (value: unknown) => isDateOrInstant(value) },
    });
}

export class ListAuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'project', description: 'Entity type: project, milestone, progress_report, user, api_key, department …' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional({ example: '3f2b8c1e-7d4a-4b9e-a1c2-5e6f7a8b9c0d', description: 'Id of the changed record' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user or API key that made the change' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'update', description: 'create, update, revoke, deactivate …' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  action?: string;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'From this instant, or from the start of this day (Asia/Shanghai)' })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Up to this instant, or to the end of this day (Asia/Shanghai)' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
}

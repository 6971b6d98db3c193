import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateDepartmentChannelDto } from './create-department-channel.dto';

/**
 * Any field but the channel kind (delete and re-create to switch from 钉钉 to
 * 企业微信). null clears label and secret, and makes kinds "all kinds"; address,
 * enabled and minEscalationLevel cannot be null.
 */
export class UpdateDepartmentChannelDto extends PartialType(OmitType(CreateDepartmentChannelDto, ['channel'] as const)) {}

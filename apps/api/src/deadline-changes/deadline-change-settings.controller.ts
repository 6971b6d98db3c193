import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { DeadlineChangeSettingsService } from './deadline-change-settings.service';
import { DeadlineChangeSettingsResponse, UpdateDeadlineChangeSettingsDto } from './dto/deadline-change-settings.dto';

/** The threshold above which a milestone move needs the 督查室 (key milestones always do). */
@ApiTags('deadline-changes')
@Controller('settings/deadline-changes')
export class DeadlineChangeSettingsController {
  constructor(private readonly settings: DeadlineChangeSettingsService) {}

  @Get()
  @ApiDoc({ summary: 'The deadline-change threshold in working days', type: DeadlineChangeSettingsResponse })
  get(): Promise<DeadlineChangeSettingsResponse> {
    return this.settings.get();
  }

  @Put()
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Set the deadline-change threshold (admins)', type: DeadlineChangeSettingsResponse, errors: [400, 403] })
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateDeadlineChangeSettingsDto): Promise<DeadlineChangeSettingsResponse> {
    return this.settings.update(principal, body);
  }
}

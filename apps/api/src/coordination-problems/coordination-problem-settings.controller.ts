import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { CoordinationProblemSettingsResponse } from './dto/coordination-problem.response';
import { UpdateCoordinationProblemSettingsDto } from './dto/problem-type.dto';
import { ProblemTypesService } from './problem-types.service';

/** How many working days without a step make a problem climb (催办升级). */
@ApiTags('coordination-problems')
@Controller('settings/coordination-problems')
export class CoordinationProblemSettingsController {
  constructor(private readonly types: ProblemTypesService) {}

  @Get()
  @ApiDoc({ summary: 'The problem ledger\'s settings: working days without a step before a problem climbs', type: CoordinationProblemSettingsResponse })
  get(): Promise<CoordinationProblemSettingsResponse> {
    return this.types.settings();
  }

  @Put()
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Set the working days before a problem climbs (admins)', type: CoordinationProblemSettingsResponse, errors: [400, 403] })
  update(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateCoordinationProblemSettingsDto): Promise<CoordinationProblemSettingsResponse> {
    return this.types.updateSettings(principal, dto);
  }
}

import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { CalendarService } from './calendar.service';
import { CalendarYearResponseDto } from './dto/calendar-year.response';
import { PublishCalendarYearDto } from './dto/publish-calendar-year.dto';

/** The official calendar (工作日/调休) kept by the office. */
@ApiTags('calendar')
@Controller('calendar/years')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':year')
  @ApiParam({ name: 'year', type: Number, example: 2027, description: '2000–2100' })
  @ApiDoc({ summary: 'A year\'s effective calendar and where it comes from (office, package, or none: Monday–Friday)', type: CalendarYearResponseDto })
  get(@Param('year') year: string): Promise<CalendarYearResponseDto> {
    return this.calendar.get(year);
  }

  @Put(':year')
  @AllowRoles('admin')
  @ApiParam({ name: 'year', type: Number, example: 2027, description: '2000–2100' })
  @ApiDoc({
    summary: 'Publish a year\'s official schedule (holidays and 调休 working weekends); overrides the package, audited',
    description: 'Dates must lie in the year; no date in both lists; workdays are weekend days. The answer counts the open milestones whose due date changed between working day and day off.',
    type: CalendarYearResponseDto,
  })
  publish(@CurrentPrincipal() principal: Principal, @Param('year') year: string, @Body() body: PublishCalendarYearDto): Promise<CalendarYearResponseDto> {
    return this.calendar.publish(principal, year, body);
  }
}

import { Module } from '@nestjs/common';
import { OfficeCalendarModule } from '@app/calendar';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** The official calendar kept by the office: publish and read a year's schedule. */
@Module({
  imports: [OfficeCalendarModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarApiModule {}

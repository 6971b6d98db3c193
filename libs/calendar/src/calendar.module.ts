import { Global, Module } from '@nestjs/common';
import { Clock, clockFromEnvironment } from './clock';
import { WorkingDayCalendar } from './working-day-calendar';

/** The clock and the working-day calendar, for the API and the worker alike. */
@Global()
@Module({
  providers: [{ provide: Clock, useFactory: () => clockFromEnvironment() }, WorkingDayCalendar],
  exports: [Clock, WorkingDayCalendar],
})
export class CalendarModule {}

import { Module } from '@nestjs/common';
import { OfficeCalendarSync } from './office-calendar.sync';

/** The office-published calendar years, kept in force in this process (API and worker import it). */
@Module({ providers: [OfficeCalendarSync], exports: [OfficeCalendarSync] })
export class OfficeCalendarModule {}

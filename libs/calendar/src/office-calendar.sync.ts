/**
 * Keeps a process's WorkingDayCalendar in step with the office-published years in
 * Postgres (calendar_years). The version (sum of revisions) is one cheap query: read at
 * boot, every CALENDAR_REFRESH_SECONDS, by the API right after a publication, and by the
 * worker at the start of every scan — so the API and the worker count working days
 * with the same calendar.
 */
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { WorkingDayCalendar } from './working-day-calendar';

@Injectable()
export class OfficeCalendarSync implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OfficeCalendarSync.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingDayCalendar,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn(`calendar refresh failed: ${(error as Error).message}`));
    }, this.config.CALENDAR_REFRESH_SECONDS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reloads the office years when the database's calendar version differs from the one in force. True when it did. */
  async refresh(): Promise<boolean> {
    const [{ version }]: Array<{ version: number }> = await this.dataSource.query(`SELECT coalesce(sum(revision), 0)::int AS version FROM calendar_years`);
    if (version === this.calendar.version()) return false;
    const rows: Array<{ year: number; holidays: string[]; workdays: string[] }> = await this.dataSource.query(
      `SELECT year, holidays::text[] AS holidays, workdays::text[] AS workdays FROM calendar_years ORDER BY year`,
    );
    this.calendar.applyOfficeYears(rows, version);
    this.logger.log(`office calendar version ${version} in force (${rows.map((row) => row.year).join(', ') || 'no office years'})`);
    return true;
  }
}

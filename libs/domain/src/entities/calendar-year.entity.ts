import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One year of the official calendar as the office published it (overrides the chinese-days package). */
@Entity('calendar_years')
@Check('ck_calendar_years_year', `"year" BETWEEN 2000 AND 2100`)
@Check('ck_calendar_years_revision', `"revision" >= 1`)
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year: number;

  /** Days off, 'YYYY-MM-DD'. */
  @Column({ type: 'date', array: true })
  holidays: string[];

  /** 调休: weekend days that are working days. */
  @Column({ type: 'date', array: true })
  workdays: string[];

  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;

  @Column({ type: 'text' })
  publishedBy: string;
}

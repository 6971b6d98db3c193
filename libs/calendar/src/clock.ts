import { districtDate } from '@app/domain';

/**
 * The time source of the API and the worker. Production reads the system clock;
 * tests set it, in-process (FixedClock) or, for child processes, through
 * KPT_FIXED_NOW (honoured outside production only).
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
  today(): string {
    return districtDate(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  private instant: Date;

  constructor(instant: string | Date) {
    super();
    this.instant = new Date(instant);
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(instant: string | Date): void {
    this.instant = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.instant = new Date(this.instant.getTime() + milliseconds);
  }
}

export function clockFromEnvironment(env: Record<string, string | undefined> = process.env): Clock {
  const fixed = env.KPT_FIXED_NOW;
  if (fixed && env.NODE_ENV !== 'production') {
    if (Number.isNaN(Date.parse(fixed))) throw new Error(`KPT_FIXED_NOW is not an ISO instant: ${fixed}`);
    return new FixedClock(fixed);
  }
  return new SystemClock();
}

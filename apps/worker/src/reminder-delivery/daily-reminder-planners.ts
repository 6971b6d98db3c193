import { Injectable } from '@nestjs/common';
import type { ReminderRuleSet } from '@app/domain';

/** What one planner did on one day; `failed` > 0 makes the day's scan run fail, so it is retried (planning is idempotent). */
export interface DailyPlanCounts {
  /** Reminder rows today's occurrences have (new or from an earlier run). */
  reminders: number;
  /** Jobs handed to BullMQ. */
  enqueued: number;
  /** Subjects whose planning failed (logged; the others went on). */
  failed: number;
}

/**
 * A planner that runs inside the daily reminder scan ('reminder-scan', at the rules' sendAt on working days): no
 * job, scheduler or job_runs name of its own — the scan's run (job_runs) covers it, its retries and catch-up
 * included. Register in onModuleInit: `planners.register(this)`.
 */
export interface DailyReminderPlanner {
  /** Its key in the scan's counts (`planners.<name>`), e.g. 'problem-escalation'. */
  readonly name: string;
  /** Plans today's reminders through ReminderPlanWriter. Throwing counts as a failed planner, like `failed` > 0. */
  planDay(today: string, rules: ReminderRuleSet): Promise<DailyPlanCounts>;
}

/** The planners the daily reminder scan runs after the milestones, in registration order. */
@Injectable()
export class DailyReminderPlanners {
  private readonly planners: DailyReminderPlanner[] = [];

  register(planner: DailyReminderPlanner): void {
    if (this.planners.some((known) => known.name === planner.name)) throw new Error(`daily reminder planner ${planner.name} registered twice`);
    this.planners.push(planner);
  }

  all(): readonly DailyReminderPlanner[] {
    return this.planners;
  }
}

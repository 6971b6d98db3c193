import { Injectable } from '@nestjs/common';
import { PlannedOccurrence, PlanResult, ReminderPlanWriter } from '../reminder-delivery/reminder-plan-writer';
import { MilestoneReminderTrack } from './milestone-reminder.track';
import type { DailyOccurrences } from './reminder-occurrence';
import { RecipientSession, RecipientTarget } from './reminder-recipients';

/** A pending milestone as the planner needs it. */
export interface PlannableMilestone extends RecipientTarget {
  milestoneId: string;
  projectId: string;
  plannedDate: string;
}

export type { PlanResult };

/**
 * The milestone planner: works out today's occurrence of each milestone and its
 * recipients, and hands them to the delivery core's ReminderPlanWriter, which
 * inserts one `reminders` row per (milestone, rule, date, recipient) with ON
 * CONFLICT DO NOTHING and enqueues every row of these identities still queued —
 * including rows an earlier, interrupted run inserted but never enqueued.
 * Exactly one reminder per occurrence, however often this runs.
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    private readonly writer: ReminderPlanWriter,
    private readonly track: MilestoneReminderTrack,
  ) {}

  async plan(milestones: PlannableMilestone[], occurrences: DailyOccurrences, recipients: RecipientSession): Promise<PlanResult> {
    const due = milestones
      .map((milestone) => ({ milestone, occurrence: occurrences.on(milestone.plannedDate) }))
      .filter((item): item is { milestone: PlannableMilestone; occurrence: NonNullable<typeof item.occurrence> } => item.occurrence !== null);
    if (due.length === 0) return { reminders: 0, inserted: 0, enqueued: 0 };
    await recipients.prefetch(due.map((item) => item.milestone));

    const planned: PlannedOccurrence[] = [];
    for (const { milestone, occurrence } of due) {
      planned.push({
        subjectId: milestone.milestoneId,
        rule: occurrence.rule,
        kind: occurrence.kind,
        occurrenceDate: occurrences.today,
        workingDaysLate: occurrence.workingDaysLate,
        escalationLevel: occurrence.escalationLevel,
        recipients: await recipients.recipientsFor(milestone, occurrence),
        columns: { project_id: milestone.projectId, milestone_id: milestone.milestoneId, rule: occurrence.rule, planned_date: milestone.plannedDate },
      });
    }
    return this.writer.write(this.track, planned);
  }
}

import { DataSource } from 'typeorm';
import { Department, Milestone, Project, User } from '@app/domain';
import { createDepartment, createMilestone, createProject, createUser } from './factories';

/**
 * A small portfolio for reminder tests, on Tue 2026-10-13 (default rules:
 * due soon 5/3/1, due day, overdue every 3 working days, E1 at 5, E2 at 10):
 *
 * | milestone   | planned    | on 2026-10-13                         | recipients              |
 * | soon        | 2026-10-16 | due-soon-3                            | 2 editors               |
 * | today       | 2026-10-13 | due-today                             | 2 editors               |
 * | late1       | 2026-10-12 | overdue, 1 working day late, E0       | 2 editors               |
 * | lateE1      | 2026-09-30 | overdue, 5 late (National Day), E1    | 2 editors + lead        |
 * | lateE2      | 2026-09-22 | overdue, 10 late, E2                  | 2 editors + lead + 2 督查室 |
 * | quiet       | 2026-10-15 | nothing today (2 working days ahead)  | —                       |
 * | done        | 2026-10-12 | completed: never scanned              | —                       |
 * | far         | 2026-12-01 | beyond the horizon                    | —                       |
 * | suspended   | 2026-10-12 | project suspended                     | —                       |
 * | orphan      | 2026-10-12 | project without owner unit → 督查室    | 2 督查室                 |
 */
export const REMINDER_DAY = '2026-10-13';
/** 09:00 in Shanghai on REMINDER_DAY: after the 08:30 send time. */
export const REMINDER_NOW = '2026-10-13T01:00:00Z';
export const EXPECTED_REMINDERS = 2 + 2 + 2 + 3 + 5 + 2;

export interface ReminderPortfolio {
  department: Department;
  editors: User[];
  inactiveEditor: User;
  otherEditor: User;
  lead: User;
  supervisors: User[];
  inactiveSupervisor: User;
  project: Project;
  milestones: Record<'soon' | 'today' | 'late1' | 'lateE1' | 'lateE2' | 'quiet' | 'done' | 'far' | 'suspended' | 'orphan', Milestone>;
}

export async function createReminderPortfolio(dataSource: DataSource): Promise<ReminderPortfolio> {
  const department = await createDepartment(dataSource, { name: `区发展和改革委员会-${Math.random().toString(36).slice(2, 7)}` });
  const otherDepartment = await createDepartment(dataSource);
  const editors = [
    await createUser(dataSource, 'department_editor', { departmentId: department.id }),
    await createUser(dataSource, 'department_editor', { departmentId: department.id }),
  ];
  const inactiveEditor = await createUser(dataSource, 'department_editor', { departmentId: department.id, isActive: false });
  const otherEditor = await createUser(dataSource, 'department_editor', { departmentId: otherDepartment.id });
  const lead = await createUser(dataSource, 'viewer', { displayName: '包联领导' });
  const supervisors = [await createUser(dataSource, 'supervisor'), await createUser(dataSource, 'supervisor')];
  const inactiveSupervisor = await createUser(dataSource, 'supervisor', { isActive: false });

  const project = await createProject(dataSource, {
    name: `玉泉变 220 千伏变电站工程-${Math.random().toString(36).slice(2, 7)}`,
    kind: 'substation',
    ownerDepartmentId: department.id,
    leadOfficial: '王副区长',
    leadOfficialUserId: lead.id,
  });
  const suspendedProject = await createProject(dataSource, { ownerDepartmentId: department.id, status: 'suspended' });
  const orphanProject = await createProject(dataSource, { ownerDepartmentId: null });

  const milestone = (projectId: string, plannedDate: string, extra: Partial<Milestone> = {}) =>
    createMilestone(dataSource, projectId, { plannedDate, kind: 'custom', name: `节点${plannedDate}`, ...extra });
  const milestones = {
    soon: await milestone(project.id, '2026-10-16'),
    today: await milestone(project.id, '2026-10-13'),
    late1: await milestone(project.id, '2026-10-12'),
    lateE1: await createMilestone(dataSource, project.id, { plannedDate: '2026-09-30', kind: 'construction_start' }),
    lateE2: await milestone(project.id, '2026-09-22'),
    quiet: await milestone(project.id, '2026-10-15'),
    done: await milestone(project.id, '2026-10-12', { actualDate: '2026-10-12', status: 'done' }),
    far: await milestone(project.id, '2026-12-01'),
    suspended: await milestone(suspendedProject.id, '2026-10-12'),
    orphan: await milestone(orphanProject.id, '2026-10-12'),
  };
  return { department, editors, inactiveEditor, otherEditor, lead, supervisors, inactiveSupervisor, project, milestones };
}

/** Recipient user ids of a milestone's reminders. */
export async function recipientsOf(dataSource: DataSource, milestoneId: string): Promise<string[]> {
  const rows: Array<{ recipient_user_id: string }> = await dataSource.query(
    `SELECT recipient_user_id FROM reminders WHERE milestone_id = $1 ORDER BY recipient_user_id`,
    [milestoneId],
  );
  return rows.map((row) => row.recipient_user_id);
}

import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { hashSync } from 'bcryptjs';
import { DataSource } from 'typeorm';
import {
  Department,
  Milestone,
  MILESTONE_KIND_LABELS,
  MilestoneKind,
  Plan,
  PlanColumn,
  PlanGroup,
  Project,
  ProjectKind,
  User,
  UserRole,
} from '@app/domain';

/** Test data builders: each makes a valid row with defaults and takes overrides. */

export const TEST_PASSWORD = 'test-password';
const TEST_PASSWORD_HASH = hashSync(TEST_PASSWORD, 4);

const unique = () => randomBytes(3).toString('hex');

export async function createDepartment(dataSource: DataSource, overrides: Partial<Department> = {}): Promise<Department> {
  const suffix = unique();
  return dataSource.getRepository(Department).save({ code: `dept-${suffix}`, name: `测试部门${suffix}`, kind: 'department', ...overrides });
}

export async function createUser(
  dataSource: DataSource,
  role: UserRole,
  overrides: Partial<User> = {},
): Promise<User> {
  const username = overrides.username ?? `${role}-${unique()}`;
  return dataSource.getRepository(User).save({
    username,
    displayName: username,
    passwordHash: TEST_PASSWORD_HASH,
    role,
    departmentId: null,
    ...overrides,
  });
}

/** A plan with one column and one group, for projects made by tests. */
export async function createPlanGroup(
  dataSource: DataSource,
  column: { number?: number; title?: string } = {},
  group: { number?: number; title?: string } = {},
): Promise<PlanGroup> {
  const plans = dataSource.getRepository(Plan);
  const plan =
    (await plans.findOneBy({ code: 'test-plan' })) ??
    (await plans.save({ code: 'test-plan', title: '测试规划', startYear: 2026, endYear: 2030 }));
  const columnNumber = column.number ?? 2;
  const columns = dataSource.getRepository(PlanColumn);
  const planColumn =
    (await columns.findOneBy({ planId: plan.id, number: columnNumber })) ??
    (await columns.save({ planId: plan.id, number: columnNumber, title: column.title ?? `测试专栏${columnNumber}` }));
  const groupNumber = group.number ?? 1;
  const groups = dataSource.getRepository(PlanGroup);
  return (
    (await groups.findOneBy({ columnId: planColumn.id, number: groupNumber })) ??
    (await groups.save({ columnId: planColumn.id, number: groupNumber, title: group.title ?? `测试工程组${groupNumber}` }))
  );
}

export async function createProject(
  dataSource: DataSource,
  overrides: Partial<Project> & { kind?: ProjectKind } = {},
): Promise<Project> {
  const group = overrides.groupId
    ? await dataSource.getRepository(PlanGroup).findOneByOrFail({ id: overrides.groupId })
    : await createPlanGroup(dataSource);
  const saved = await dataSource.getRepository(Project).save({
    name: `测试项目${unique()}`,
    columnId: group.columnId,
    groupId: group.id,
    kind: 'other',
    attributes: {},
    status: 'under_construction',
    ...overrides,
  });
  return dataSource.getRepository(Project).findOneByOrFail({ id: saved.id });
}

export async function createMilestone(
  dataSource: DataSource,
  projectId: string,
  overrides: Partial<Milestone> & { plannedDate: string },
): Promise<Milestone> {
  const kind: MilestoneKind = overrides.kind ?? 'construction_start';
  const saved = await dataSource.getRepository(Milestone).save({
    projectId,
    kind,
    name: MILESTONE_KIND_LABELS[kind],
    baselineDate: overrides.baselineDate ?? overrides.plannedDate,
    status: overrides.actualDate ? 'done' : 'pending',
    ...overrides,
  });
  return dataSource.getRepository(Milestone).findOneByOrFail({ id: saved.id });
}

/** Signs in through the real login route and returns the Authorization header. */
export async function signIn(app: NestFastifyApplication, username: string, password = TEST_PASSWORD): Promise<{ authorization: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json().accessToken}` };
}

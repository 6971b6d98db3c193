import { YUQUAN_15TH_FYP } from '../seeds/data/yuquan-15th-fyp';
import type { CatalogueProject, PlanCatalogue } from '../seeds/plan-catalogue.types';
import { seedPlanCatalogue } from '../seeds/plan-catalogue.seed';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Re-seeding a database seeded before the splitter's rules were corrected (issue 14):
 * the plan's positions now hold other names, and projects people attached data to
 * must keep it under the right name. The "old" catalogue is today's with 专栏 10
 * groups 1–3 as the earlier rules read them, plus two rows the plan no longer has.
 */
function catalogueAsReadBefore(): PlanCatalogue {
  const catalogue: PlanCatalogue = structuredClone(YUQUAN_15TH_FYP);
  const column10 = catalogue.columns.find((c) => c.number === 10)!;
  const [education, health, elderly] = column10.groups;
  const replace = (projects: CatalogueProject[], names: string[], by: CatalogueProject[]) => {
    const at = projects.findIndex((p) => p.name === names[0]);
    projects.splice(at, names.length, ...by);
  };
  replace(education.projects, ['内蒙古大学南校区教学仪器，实验设备购置项目', '学生公寓楼建设'], [
    { name: '内蒙古大学南校区教学仪器' },
    { name: '实验设备购置项目和学生公寓楼建设' },
  ]);
  replace(elderly.projects, ['家门口老年学堂建设', '敬松老年服务中心改扩建'], [
    { name: '家门口老年学堂建设以及敬松老年服务中心改扩建', kind: 'elderly_care' },
  ]);
  // The old kind rule typed 疾控 as other.
  health.projects[0] = { name: '疾病预防控制中心新建项目', kind: 'other' };
  health.projects.push({ name: '旧版目录里的空项目' }, { name: '旧版目录里有节点的项目' });
  return catalogue;
}

describe('re-seeding the plan catalogue after the splitter changed', () => {
  let database: TestDatabase;
  const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => database.dataSource.query(sql, params);
  const byName = async (name: string) => (await query(`SELECT id, name, plan_ref, kind, version FROM projects WHERE name = $1`, [name]))[0];
  const milestoneNamesOf = async (projectId: string) =>
    (await query<{ name: string }>(`SELECT name FROM milestones WHERE project_id = $1 ORDER BY name`, [projectId])).map((m) => m.name);
  const addMilestone = (projectId: string, name: string) =>
    query(`INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date) VALUES ($1, 'construction_start', $2, '2026-09-01', '2026-09-01')`, [
      projectId,
      name,
    ]);

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('keeps every project people worked on under its right name, and says what it renamed, removed and detached', async () => {
    await seedPlanCatalogue(database.dataSource, catalogueAsReadBefore());
    const old = {
      instruments: await byName('内蒙古大学南校区教学仪器'),
      dormitoryJoint: await byName('实验设备购置项目和学生公寓楼建设'),
      elderlyJoint: await byName('家门口老年学堂建设以及敬松老年服务中心改扩建'),
      equipment: await byName('设备购置'),
      fireSafety: await byName('消防改造'),
      cdc: await byName('疾病预防控制中心新建项目'),
      hospital: await byName('安康精神心理康复医院建设项目'),
      empty: await byName('旧版目录里的空项目'),
      withData: await byName('旧版目录里有节点的项目'),
    };
    expect([old.elderlyJoint.plan_ref, old.equipment.plan_ref, old.fireSafety.plan_ref, old.cdc.kind]).toEqual(['10.3.3', '10.3.4', '10.3.5', 'other']);
    await addMilestone(old.equipment.id, '设备到货');
    await addMilestone(old.elderlyJoint.id, '老年学堂开工');
    await addMilestone(old.withData.id, '旧节点');
    // A person set the hospital's kind by hand: the seed leaves it so.
    await query(`UPDATE projects SET kind = 'other' WHERE id = $1`, [old.hospital.id]);
    await query(
      `INSERT INTO audit_log (actor_type, actor_name, action, entity_type, entity_id, before, after)
       VALUES ('user', 'admin', 'update', 'project', $1, '{"kind":"hospital"}', '{"kind":"other"}')`,
      [old.hospital.id],
    );

    const result = await seedPlanCatalogue(database.dataSource);

    // The position 10.3.4 now holds 敬松…改扩建, but 设备购置 keeps its row and its milestone, at 10.3.5.
    const equipment = await byName('设备购置');
    expect([equipment.id, equipment.plan_ref]).toEqual([old.equipment.id, '10.3.5']);
    await expect(milestoneNamesOf(equipment.id)).resolves.toEqual(['设备到货']);
    await expect(byName('消防改造')).resolves.toMatchObject({ id: old.fireSafety.id, plan_ref: '10.3.6' });
    // The joint row split in two: its data stays with the first part, the second is new.
    const school = await byName('家门口老年学堂建设');
    expect([school.id, school.plan_ref, school.kind]).toEqual([old.elderlyJoint.id, '10.3.3', 'elderly_care']);
    await expect(milestoneNamesOf(school.id)).resolves.toEqual(['老年学堂开工']);
    const centre = await byName('敬松老年服务中心改扩建');
    expect([centre.plan_ref, centre.kind, [old.elderlyJoint.id, old.equipment.id, old.fireSafety.id].includes(centre.id)]).toEqual([
      '10.3.4',
      'elderly_care',
      false,
    ]);
    await expect(milestoneNamesOf(centre.id)).resolves.toEqual([]);
    // Renamed in place, same ids.
    await expect(byName('内蒙古大学南校区教学仪器，实验设备购置项目')).resolves.toMatchObject({ id: old.instruments.id, plan_ref: '10.1.23' });
    await expect(byName('学生公寓楼建设')).resolves.toMatchObject({ id: old.dormitoryJoint.id, plan_ref: '10.1.24' });
    // The corrected kind rule reaches the seeded row; the kind a person chose stays.
    await expect(byName('疾病预防控制中心新建项目')).resolves.toMatchObject({ id: old.cdc.id, kind: 'hospital' });
    await expect(byName('安康精神心理康复医院建设项目')).resolves.toMatchObject({ id: old.hospital.id, kind: 'other' });
    // Left over: the empty row is gone, the one with a milestone is kept and detached from the plan.
    await expect(byName('旧版目录里的空项目')).resolves.toBeUndefined();
    await expect(byName('旧版目录里有节点的项目')).resolves.toMatchObject({ id: old.withData.id, plan_ref: null });
    await expect(milestoneNamesOf(old.withData.id)).resolves.toEqual(['旧节点']);

    expect(result.renamed).toEqual([
      { id: old.instruments.id, planRef: '10.1.23', from: '内蒙古大学南校区教学仪器', to: '内蒙古大学南校区教学仪器，实验设备购置项目' },
      { id: old.dormitoryJoint.id, planRef: '10.1.24', from: '实验设备购置项目和学生公寓楼建设', to: '学生公寓楼建设' },
      { id: old.elderlyJoint.id, planRef: '10.3.3', from: '家门口老年学堂建设以及敬松老年服务中心改扩建', to: '家门口老年学堂建设' },
    ]);
    expect(result.removed).toEqual([{ id: old.empty.id, name: '旧版目录里的空项目', planRef: '10.2.10' }]);
    expect(result.detached).toEqual([{ id: old.withData.id, name: '旧版目录里有节点的项目', planRef: '10.2.11' }]);
    // Every plan position is held once; the detached row still counts in its column until someone merges it.
    await expect(query(`SELECT count(*)::int AS n FROM projects WHERE plan_ref IS NOT NULL`)).resolves.toEqual([{ n: 283 }]);
    expect(result.projects).toBe(284);
    const [audit] = await query(`SELECT after FROM audit_log WHERE actor_name = 'seed:plan-catalogue' ORDER BY id DESC LIMIT 1`);
    expect(audit.after.detached).toEqual(result.detached);

    // And a further run changes nothing.
    const again = await seedPlanCatalogue(database.dataSource);
    expect(again).toMatchObject({ inserted: 0, updated: 0, renamed: [], removed: [], detached: [] });
  });
});

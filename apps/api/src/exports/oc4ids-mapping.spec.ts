import { createOc4idsValidator } from '../../../../test/support/oc4ids-validator';
import { OC4IDS_VERSION, projectStatusCode, projectTypeCode, toOc4idsProject } from './oc4ids-mapping';

describe('OC4IDS mapping', () => {
  const validator = createOc4idsValidator();
  const bare = {
    id: '6b1f7f0e-0000-4000-8000-000000000001',
    name: '蓝城倍挺建设项目',
    description: null,
    kind: 'other' as const,
    status: 'planning' as const,
    planned_start_date: null,
    planned_end_date: null,
    total_investment_yuan: null,
    owner_id: null,
    owner_name: null,
    last_change: new Date('2026-06-01T00:00:00Z'),
  };
  const packageOf = (project: Record<string, unknown>) => ({
    uri: 'http://localhost:3000/api/v1/exports/oc4ids',
    publisher: { name: '玉泉区' },
    publishedDate: '2026-06-01T00:00:00.000Z',
    version: OC4IDS_VERSION,
    projects: [project],
  });

  it('gives a valid project for a bare plan row: no owner, no money, no milestones (the catalogue before any data)', () => {
    const project = toOc4idsProject({ project: bare, milestones: [], annualPlans: [], monthlyInvestments: [] }, { prefix: 'oc4ids-x-', today: '2026-06-15' });
    expect(validator.validatePackage(packageOf(project)) ? 'valid' : validator.errorsText()).toBe('valid');
    expect(project).toEqual({
      id: 'oc4ids-x-6b1f7f0e-0000-4000-8000-000000000001',
      updated: '2026-06-01T00:00:00.000Z',
      language: 'zh',
      title: '蓝城倍挺建设项目',
      status: 'identification',
      type: 'construction',
      additionalClassifications: [
        { scheme: 'x_kptProjectKind', id: 'other', description: '其他' },
        { scheme: 'x_kptProjectStatus', id: 'planning', description: '谋划' },
      ],
      parties: [{ id: 'yuquan-duchashi', name: '玉泉区人民政府督查室', roles: ['reviewBody'] }],
    });
  });

  it('maps statuses to projectStatus, 暂停 to the phase it stopped in', () => {
    expect(projectStatusCode('under_construction', true)).toBe('implementation');
    expect(projectStatusCode('in_service', true)).toBe('maintenance');
    expect(projectStatusCode('suspended', true)).toBe('implementation');
    expect(projectStatusCode('suspended', false)).toBe('preparation');
    expect(projectStatusCode('cancelled', false)).toBe('cancelled');
  });

  it('reads projectType from what the name says is done', () => {
    expect(projectTypeCode('昭君路小学新建项目')).toBe('construction');
    expect(projectTypeCode('锡林南路南二环至南三环段拓宽改造')).toBe('rehabilitation');
    expect(projectTypeCode('敬松老年服务中心改扩建')).toBe('expansion');
  });
});

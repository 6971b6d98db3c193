/** Project kinds: what is built. Codes are part of the public API contract. */
export const PROJECT_KINDS = [
  'substation',
  'school',
  'pipe_network',
  'road',
  'resettlement_housing',
  'hospital',
  'ecology',
  'industrial_park',
  'culture_tourism',
  'agriculture',
  'public_safety',
  'elderly_care',
  'other',
] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const PROJECT_KIND_LABELS: Record<ProjectKind, string> = {
  substation: '变电站/输变电',
  school: '学校/幼儿园',
  pipe_network: '管网',
  road: '道路',
  resettlement_housing: '回迁房/棚改',
  hospital: '医院',
  ecology: '公园/生态',
  industrial_park: '产业园区',
  culture_tourism: '文化旅游',
  agriculture: '农业农村',
  public_safety: '公共安全',
  elderly_care: '养老',
  other: '其他',
};

/** 项目状态 */
export const PROJECT_STATUSES = [
  'planning', // 谋划
  'preparation', // 前期
  'under_construction', // 在建
  'completed', // 竣工
  'in_service', // 投产/投用
  'suspended', // 暂停
  'cancelled', // 取消
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planning: '谋划',
  preparation: '前期',
  under_construction: '在建',
  completed: '竣工',
  in_service: '投产',
  suspended: '暂停',
  cancelled: '取消',
};

/** 节点 kinds, in the order a project normally passes them. */
export const MILESTONE_KINDS = [
  'project_approval', // 立项
  'feasibility_approval', // 可研批复
  'land_planning_permit', // 用地/规划许可
  'construction_permit', // 施工许可
  'construction_start', // 开工
  'main_structure_done', // 主体完工
  'completion_acceptance', // 竣工验收
  'handover', // 交付
  'in_service', // 投产/投用
  'custom',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_KIND_LABELS: Record<MilestoneKind, string> = {
  project_approval: '立项',
  feasibility_approval: '可研批复',
  land_planning_permit: '用地/规划许可',
  construction_permit: '施工许可',
  construction_start: '开工',
  main_structure_done: '主体完工',
  completion_acceptance: '竣工验收',
  handover: '交付',
  in_service: '投产/投用',
  custom: '自定义节点',
};

/** Key milestones: moving them is always a decision for the 督查室 (see deadline changes). */
export const KEY_MILESTONE_KINDS: readonly MilestoneKind[] = ['construction_start', 'completion_acceptance', 'handover', 'in_service'];

/** removed (已删除): soft-deleted as added by mistake — kept for the trail, shown nowhere unless asked (includeWithdrawn=true). */
export const MILESTONE_STATUSES = ['pending', 'done', 'cancelled', 'removed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** leader: a district leader (区领导, 包联领导) — reads everything, writes nothing; the lead official of some projects. */
export const USER_ROLES = ['admin', 'supervisor', 'department_editor', 'viewer', 'leader'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const DEPARTMENT_KINDS = ['department', 'subdistrict', 'town'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** Scopes an API key can hold. Keys only ever read. */
export const API_KEY_SCOPES = ['projects:read', 'reports:read', 'audit:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const INDICATOR_NATURES = ['expected', 'binding'] as const; // 预期性 / 约束性
export type IndicatorNature = (typeof INDICATOR_NATURES)[number];

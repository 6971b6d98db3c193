/**
 * Chinese labels of the API's codes, in one place. Where the API sends a label itself (kindLabel, statusLabel,
 * natureLabel …) the pages show that; these maps cover the codes it sends bare (allowed next statuses, roles,
 * lights, reasons, audit actions).
 */
export const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员',
  supervisor: '督查室',
  department_editor: '责任单位填报员',
  viewer: '只读用户',
  leader: '区领导',
};

export const PROJECT_STATUS_LABELS: Record<string, string> = {
  planning: '谋划',
  preparation: '前期',
  under_construction: '在建',
  completed: '竣工',
  in_service: '投产/投用',
  suspended: '暂停',
  cancelled: '取消',
};

export const PROJECT_KIND_LABELS: Record<string, string> = {
  substation: '变电站/输变电',
  school: '学校/幼儿园',
  pipe_network: '管网',
  road: '道路',
  resettlement_housing: '回迁房/棚改',
  hospital: '医院',
  ecology: '公园/生态',
  industrial_park: '产业园区',
  culture_tourism: '文化旅游',
  agriculture: '农业',
  public_safety: '公共安全',
  elderly_care: '养老',
  other: '其他',
};

export const MILESTONE_STATUS_LABELS: Record<string, string> = { pending: '未完成', done: '已完成', cancelled: '已取消', removed: '已删除' };

export type Light = 'red' | 'yellow' | 'green';
export const LIGHT_LABELS: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const LIGHT_SHORT: Record<Light, string> = { red: '红', yellow: '黄', green: '绿' };
/** Element Plus tag types: danger #F56C6C, warning #E6A23C, success #67C23A. */
export const LIGHT_TAG_TYPES: Record<Light, 'danger' | 'warning' | 'success'> = { red: 'danger', yellow: 'warning', green: 'success' };

export const WARNING_REASON_LABELS: Record<string, string> = {
  milestone_overdue: '节点逾期',
  milestone_due_soon: '节点临期',
  milestone_slipped: '节点较基准计划推迟',
  progress_lag: '形象进度滞后于序时进度',
  milestone_date_implausible: '节点日期异常，请核实更正',
  start_overdue: '未按计划开工',
  investment_lag: '投资完成滞后于年度计划',
  problem_overdue: '问题久拖未决',
};

export const DEPARTMENT_KIND_LABELS: Record<string, string> = { department: '部门', subdistrict: '街道', town: '镇' };

/** The inbox's kinds, worded as libs/domain's NOTIFICATION_KIND_LABELS (the web app does not import the API's libs). */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  due_soon: '节点临期提醒',
  due_today: '节点到期提醒',
  overdue: '节点逾期催办',
  notice_reply_due: '督办单回复临期',
  notice_reply_overdue: '督办单回复逾期',
  problem_escalation: '问题催办升级',
  notice_issued: '收到督办单',
  notice_replied: '督办单已回复',
  notice_returned: '督办单被退回',
  notice_closed: '督办单已销号',
  notice_reply_overdue_supervisor: '督办单逾期未回复',
  deadline_change_requested: '节点调整申请待审批',
  deadline_change_approved: '节点调整申请已批准',
  deadline_change_rejected: '节点调整申请被驳回',
  project_red: '项目亮红灯',
  problem_raised: '收到待协调问题',
  problem_accepted: '问题已受理',
  problem_claimed: '问题申报已解决（待销号）',
  problem_returned: '问题销号被退回',
  problem_closed: '问题已销号',
  calendar_missing: '明年放假安排未录入',
};

export const DEADLINE_REQUEST_STATUS_LABELS: Record<string, string> = { pending: '待审核', approved: '已批准', rejected: '已驳回' };
export const DEADLINE_REQUIRED_BECAUSE_LABELS: Record<string, string> = {
  key_milestone: '关键节点调整须经督查室审核',
  over_threshold: '调整幅度超过免审工作日数，须经督查室审核',
};

export const ENTITY_LABELS: Record<string, string> = {
  project: '项目',
  milestone: '节点',
  progress_report: '进展填报',
  project_annual_plan: '年度计划投资',
  project_monthly_investment: '月度完成投资',
  deadline_change_request: '调期申请',
  supervision_notice: '督办单',
};

/** Audit actions read as "<entity>.<verb>"; the verb decides the words. */
const AUDIT_VERBS: Record<string, string> = {
  create: '新增',
  created: '新增',
  update: '修改',
  updated: '修改',
  delete: '删除',
  deleted: '删除',
  complete: '完成',
  set: '设置',
  approve: '批准',
  approved: '批准',
  reject: '驳回',
  rejected: '驳回',
  request: '申请',
  requested: '申请',
  status: '变更状态',
  reschedule: '调整计划日期',
  seed: '导入',
  accept: '销号',
  reply: '回复',
  return: '退回',
  close: '关闭',
};

export function auditActionLabel(action: string, entityType?: string): string {
  const [entity, verb] = action.includes('.') ? action.split('.', 2) : [entityType ?? '', action];
  const verbWords = AUDIT_VERBS[verb] ?? verb.replace(/_/g, ' ');
  const entityWords = ENTITY_LABELS[entity] ?? ENTITY_LABELS[entityType ?? ''] ?? '';
  return `${verbWords}${entityWords}`;
}

/** The typed attributes of a project kind (apps/api/src/projects/attributes), in words. */
export const ATTRIBUTE_LABELS: Record<string, { label: string; unit?: string; values?: Record<string, string> }> = {
  voltageKv: { label: '电压等级', unit: '千伏' },
  capacityMva: { label: '主变容量', unit: 'MVA' },
  schoolType: {
    label: '学校类型',
    values: { kindergarten: '幼儿园', primary: '小学', middle: '初中', nine_year: '九年一贯制', high: '高中' },
  },
  places: { label: '学位', unit: '个' },
  medium: {
    label: '管网介质',
    values: { water_supply: '供水', sewage: '污水', rainwater: '雨水', gas: '燃气', heating: '供热', reclaimed_water: '再生水', comprehensive: '综合管廊' },
  },
  lengthKm: { label: '长度', unit: '公里' },
  widthM: { label: '宽度', unit: '米' },
  lanes: { label: '车道数', unit: '条' },
  households: { label: '户数', unit: '户' },
  units: { label: '套数', unit: '套' },
  beds: { label: '床位', unit: '张' },
  areaM2: { label: '面积', unit: '平方米' },
};

/** "voltageKv: 220" → { label: "电压等级", text: "220 千伏" }; unknown keys are left out rather than shown raw. */
export function describeAttributes(attributes: Record<string, unknown> | null | undefined): Array<{ label: string; text: string }> {
  return Object.entries(attributes ?? {}).flatMap(([key, value]) => {
    const meta = ATTRIBUTE_LABELS[key];
    if (!meta || value === null || value === undefined || value === '') return [];
    const shown = meta.values?.[String(value)] ?? String(value);
    return [{ label: meta.label, text: meta.unit ? `${shown} ${meta.unit}` : shown }];
  });
}

export function labelOf(map: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return map[code] ?? code;
}

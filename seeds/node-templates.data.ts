/**
 * The node templates the seeds ship (系统默认模板): the standard sequence of a government-invested project in China —
 * 立项 → 用地预审与选址意见 → 可研批复 → 用地规划许可 / 初步设计概算 → 工程规划许可 → 施工图审查 → 施工招标 → 施工许可
 * → 开工 → 主体完工 → 竣工验收 → 投运/交付 — with the steps each kind adds (电网接入系统批复 for a substation, 学位验收 for a
 * school, 征收补偿 and 回迁安置 for resettlement housing, 医疗机构设置批准 for a hospital …). Durations are the working
 * days an office usually allows (承诺办理时限); an office adapts them in 节点模板, which makes a new version.
 */
import type { MilestoneKind, ProjectKind } from '@app/domain';

export interface SeedTemplateNode {
  code: string;
  name: string;
  milestoneKind: MilestoneKind;
  durationWorkingDays: number;
  isKey: boolean;
  requiresDocument: boolean;
  dependsOn: string[];
}

export interface SeedTemplate {
  code: string;
  name: string;
  kind: ProjectKind;
  nodes: SeedTemplateNode[];
}

type Node = SeedTemplateNode;
const node = (code: string, name: string, milestoneKind: MilestoneKind, durationWorkingDays: number, dependsOn: string[], flags: { key?: boolean; doc?: boolean } = {}): Node => ({
  code,
  name,
  milestoneKind,
  durationWorkingDays,
  isKey: flags.key ?? false,
  requiresDocument: flags.doc ?? false,
  dependsOn,
});

/** The common backbone; `edit` inserts, renames or rewires nodes per kind. */
function backbone(): Node[] {
  return [
    node('project_approval', '立项（项目建议书批复）', 'project_approval', 20, [], { doc: true }),
    node('land_pre_review', '用地预审与选址意见', 'custom', 20, ['project_approval'], { doc: true }),
    node('environment_assessment', '环境影响评价批复', 'custom', 20, ['project_approval'], { doc: true }),
    node('feasibility_approval', '可行性研究报告批复', 'feasibility_approval', 20, ['land_pre_review'], { doc: true }),
    node('land_planning_permit', '建设用地规划许可', 'land_planning_permit', 15, ['feasibility_approval'], { doc: true }),
    node('preliminary_design', '初步设计及概算批复', 'custom', 20, ['feasibility_approval'], { doc: true }),
    node('engineering_planning_permit', '建设工程规划许可', 'custom', 15, ['land_planning_permit', 'preliminary_design'], { doc: true }),
    node('drawing_review', '施工图审查', 'custom', 15, ['engineering_planning_permit'], { doc: true }),
    node('construction_tender', '施工招标', 'custom', 25, ['preliminary_design']),
    node('construction_permit', '施工许可', 'construction_permit', 10, ['drawing_review', 'construction_tender', 'environment_assessment'], { doc: true }),
    node('construction_start', '开工', 'construction_start', 5, ['construction_permit'], { key: true }),
    node('main_structure_done', '主体完工', 'main_structure_done', 180, ['construction_start']),
    node('completion_acceptance', '竣工验收', 'completion_acceptance', 40, ['main_structure_done'], { key: true, doc: true }),
    node('handover', '交付使用', 'handover', 15, ['completion_acceptance'], { key: true }),
  ];
}

function insertAfter(nodes: Node[], afterCode: string, ...added: Node[]): Node[] {
  const at = nodes.findIndex((n) => n.code === afterCode);
  return [...nodes.slice(0, at + 1), ...added, ...nodes.slice(at + 1)];
}
function rewire(nodes: Node[], code: string, change: Partial<Node>): Node[] {
  return nodes.map((n) => (n.code === code ? { ...n, ...change } : n));
}
function addDependency(nodes: Node[], code: string, ...dependsOn: string[]): Node[] {
  return nodes.map((n) => (n.code === code ? { ...n, dependsOn: [...n.dependsOn, ...dependsOn] } : n));
}
function withoutNode(nodes: Node[], code: string): Node[] {
  return nodes.filter((n) => n.code !== code).map((n) => ({ ...n, dependsOn: n.dependsOn.filter((d) => d !== code) }));
}

function substation(): Node[] {
  let nodes = rewire(backbone(), 'project_approval', { name: '项目核准（立项）' });
  nodes = insertAfter(nodes, 'project_approval', node('grid_access_approval', '电网接入系统方案批复', 'custom', 30, ['project_approval'], { key: true, doc: true }));
  nodes = addDependency(nodes, 'feasibility_approval', 'grid_access_approval');
  nodes = rewire(nodes, 'main_structure_done', { name: '土建及电气安装完成', durationWorkingDays: 150 });
  nodes = withoutNode(nodes, 'handover');
  return [
    ...nodes,
    node('energization', '启动调试送电', 'custom', 10, ['completion_acceptance'], { doc: true }),
    node('in_service', '投运', 'in_service', 5, ['energization'], { key: true }),
  ];
}

function school(): Node[] {
  let nodes = insertAfter(backbone(), 'main_structure_done', node('fire_acceptance', '消防验收', 'custom', 20, ['main_structure_done'], { doc: true }));
  nodes = addDependency(nodes, 'completion_acceptance', 'fire_acceptance');
  nodes = insertAfter(nodes, 'completion_acceptance', node('places_acceptance', '学位验收（办学条件核验）', 'custom', 15, ['completion_acceptance'], { key: true, doc: true }));
  return rewire(nodes, 'handover', { name: '交付使用（投入招生）', dependsOn: ['places_acceptance'] });
}

function pipeNetwork(): Node[] {
  let nodes = insertAfter(backbone(), 'engineering_planning_permit', node('excavation_permit', '道路挖掘及占道许可', 'custom', 10, ['engineering_planning_permit'], { doc: true }));
  nodes = addDependency(nodes, 'construction_start', 'excavation_permit');
  nodes = rewire(nodes, 'main_structure_done', { name: '管道安装完成', durationWorkingDays: 120 });
  nodes = insertAfter(nodes, 'main_structure_done', node('pressure_test', '闭水/压力试验', 'custom', 10, ['main_structure_done'], { doc: true }));
  nodes = rewire(nodes, 'completion_acceptance', { dependsOn: ['pressure_test'] });
  return rewire(nodes, 'handover', { name: '通水/通气投用', milestoneKind: 'in_service' });
}

function road(): Node[] {
  let nodes = insertAfter(backbone(), 'land_planning_permit', node('land_handover', '征地拆迁及交地', 'custom', 60, ['land_planning_permit'], { key: true, doc: true }));
  nodes = addDependency(nodes, 'construction_start', 'land_handover');
  nodes = rewire(nodes, 'main_structure_done', { name: '路基路面完工', durationWorkingDays: 150 });
  nodes = insertAfter(nodes, 'main_structure_done', node('delivery_acceptance', '交工验收', 'custom', 15, ['main_structure_done'], { doc: true }));
  nodes = rewire(nodes, 'completion_acceptance', { dependsOn: ['delivery_acceptance'] });
  return rewire(nodes, 'handover', { name: '通车', milestoneKind: 'in_service' });
}

function resettlementHousing(): Node[] {
  let nodes = insertAfter(
    backbone(),
    'project_approval',
    node('expropriation_plan', '征收补偿方案批复', 'custom', 30, ['project_approval'], { doc: true }),
    node('expropriation_done', '征收补偿签约及腾退', 'custom', 90, ['expropriation_plan'], { key: true, doc: true }),
  );
  nodes = addDependency(nodes, 'construction_start', 'expropriation_done');
  nodes = rewire(nodes, 'main_structure_done', { name: '主体结构封顶' });
  nodes = rewire(nodes, 'handover', { name: '回迁房交付' });
  return [...nodes, node('resettlement', '回迁安置（选房入住）', 'custom', 30, ['handover'], { key: true })];
}

function hospital(): Node[] {
  let nodes = insertAfter(backbone(), 'project_approval', node('medical_institution_approval', '医疗机构设置批准', 'custom', 20, ['project_approval'], { key: true, doc: true }));
  nodes = addDependency(nodes, 'feasibility_approval', 'medical_institution_approval');
  nodes = insertAfter(nodes, 'main_structure_done', node('radiation_assessment', '放射诊疗及职业病危害评价', 'custom', 30, ['main_structure_done'], { doc: true }));
  nodes = addDependency(nodes, 'completion_acceptance', 'radiation_assessment');
  nodes = insertAfter(nodes, 'completion_acceptance', node('practice_registration', '医疗机构执业登记', 'custom', 20, ['completion_acceptance'], { doc: true }));
  return rewire(nodes, 'handover', { name: '投入使用', milestoneKind: 'in_service', dependsOn: ['practice_registration'] });
}

function park(): Node[] {
  let nodes = insertAfter(backbone(), 'preliminary_design', node('greening_review', '绿化及林草方案审查', 'custom', 15, ['feasibility_approval'], { doc: true }));
  nodes = addDependency(nodes, 'drawing_review', 'greening_review');
  nodes = rewire(nodes, 'main_structure_done', { name: '主体绿化及设施完工', durationWorkingDays: 120 });
  return rewire(nodes, 'handover', { name: '开园投用', milestoneKind: 'in_service' });
}

export const SEED_NODE_TEMPLATES: SeedTemplate[] = [
  { code: 'substation', name: '变电站/输变电工程标准节点', kind: 'substation', nodes: substation() },
  { code: 'school', name: '学校/幼儿园建设标准节点', kind: 'school', nodes: school() },
  { code: 'pipe_network', name: '管网工程标准节点', kind: 'pipe_network', nodes: pipeNetwork() },
  { code: 'road', name: '道路工程标准节点', kind: 'road', nodes: road() },
  { code: 'resettlement_housing', name: '回迁房/棚改项目标准节点', kind: 'resettlement_housing', nodes: resettlementHousing() },
  { code: 'hospital', name: '医院建设标准节点', kind: 'hospital', nodes: hospital() },
  { code: 'park', name: '公园/生态工程标准节点', kind: 'ecology', nodes: park() },
  { code: 'general', name: '政府投资项目通用节点', kind: 'other', nodes: backbone() },
];

import type { ProjectKind } from '@app/domain';

/**
 * Departments the demo seed adds (is_demo = true). The plan itself names only the
 * sub-districts of 专栏 7; these are plausible owner units of a district
 * government, so every project of the demo has someone answerable for it.
 */
export interface DemoDepartment {
  code: string;
  name: string;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'fgw', name: '区发展和改革委员会' },
  { code: 'zjj', name: '区住房和城乡建设局' },
  { code: 'jyj', name: '区教育局' },
  { code: 'wjw', name: '区卫生健康委员会' },
  { code: 'nmj', name: '区农牧局' },
  { code: 'yjj', name: '区应急管理局' },
  { code: 'mzj', name: '区民政局' },
  { code: 'wlj', name: '区文化旅游体育局' },
  { code: 'cgj', name: '区城市管理综合执法局' },
  { code: 'slj', name: '区水务局' },
  { code: 'gdj', name: '供电公司玉泉供电分局' },
  { code: 'gxj', name: '区工业和信息化局' },
  { code: 'swj', name: '区商务局' },
  { code: 'kjj', name: '区科学技术局' },
  { code: 'sthj', name: '呼和浩特市生态环境局玉泉区分局' },
  { code: 'gaj', name: '呼和浩特市公安局玉泉区分局' },
];

/** Kinds whose owner unit is clear whatever group the project sits in. */
const OWNER_BY_KIND: Partial<Record<ProjectKind, string>> = {
  substation: 'gdj',
  school: 'jyj',
  hospital: 'wjw',
  elderly_care: 'mzj',
};

/** The owner unit of the rest, by 专栏 and group ('<column>.<group>'), else by 专栏. */
const OWNER_BY_GROUP: Record<string, string> = {
  '2.1': 'slj', // 山水林田湖草沙保护和系统修复
  '2.2': 'cgj', // 全域绿化
  '2.3': 'sthj', // 污染防治
  '2.4': 'slj', // 再生水
  '3.1': 'yjj',
  '3.2': 'gaj',
  '4.1': 'swj', // 现代物流
  '4.2': 'swj', // 商贸流通
  '4.3': 'mzj', // 银发经济
  '4.4': 'fgw', // 现代金融
  '6': 'wlj',
  '5': 'kjj',
  '4': 'gxj', // 食品、医药、产业创新、人工智能、园区
  '7': 'zjj',
  '8.1': 'zjj',
  '8.2': 'slj',
  '8.3': 'fgw', // 能源: what is not the grid's (光伏, 加油站, 充电桩, 储能)
  '9': 'nmj',
  '10.1': 'jyj',
  '10.2': 'wjw',
  '10.3': 'mzj',
  '11': 'wlj',
};

/** The code of the demo department that owns a project the plan gives no owner. */
export function demoOwnerCode(kind: ProjectKind, columnNumber: number, groupNumber: number): string {
  return OWNER_BY_KIND[kind] ?? OWNER_BY_GROUP[`${columnNumber}.${groupNumber}`] ?? OWNER_BY_GROUP[`${columnNumber}`] ?? 'fgw';
}

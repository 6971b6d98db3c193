import type { ProjectKind } from '@app/domain';

/**
 * The kind of a plan project, read from its name. The first rule whose words
 * occur in the name wins, so the order matters: 「裕隆产业园供热热源及配套管网建设项目」
 * is a pipe network (管网) before it is an industrial park (产业园). Where the
 * words mislead (「道路绿化建设项目」 is greening, not a road), the catalogue data
 * overrides the kind of that one project.
 */
const KIND_RULES: ReadonlyArray<readonly [ProjectKind, RegExp]> = [
  ['substation', /变电站|千伏|输变电/],
  ['school', /学校|小学|中学|幼儿园/],
  ['pipe_network', /管网|管道|供水|排水|雨污|燃气|供热|再生水/],
  ['road', /道路|路.*拓宽|立交|断头路/],
  ['resettlement_housing', /回迁|棚改|城中村|安置/],
  ['hospital', /医院|卫生院|疾病预防控制|疾控/], // health facilities: 疾病预防控制中心 (CDC) too
  ['ecology', /公园|绿化|河道治理|生态|湿地/],
  ['industrial_park', /园区|产业园/],
  ['culture_tourism', /文化|旅游|历史文化街区|博物馆/],
  ['agriculture', /农业|农田|大棚|设施农业|种植/],
  ['public_safety', /应急|消防|避难|物资储备/],
  ['elderly_care', /养老|适老|老年/],
];

/** 「220 千伏」, 「110千伏」: the first voltage the name states is the project's own (later ones name its lines). */
const VOLTAGE = /(\d+)\s*千伏/;

export interface ProjectClassification {
  kind: ProjectKind;
  /** Kind-specific attributes, camelCase, only what the name itself states. */
  attributes: Record<string, unknown>;
}

export function classifyProject(name: string): ProjectClassification {
  const kind = KIND_RULES.find(([, words]) => words.test(name))?.[0] ?? 'other';
  const voltage = kind === 'substation' ? VOLTAGE.exec(name) : null;
  return { kind, attributes: voltage ? { voltageKv: Number(voltage[1]) } : {} };
}

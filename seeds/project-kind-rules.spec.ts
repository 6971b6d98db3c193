import { classifyProject } from './project-kind-rules';

describe('classifyProject: the kind of a plan project, read from its name', () => {
  it('reads substations and their voltage from 「… 千伏」', () => {
    expect(classifyProject('玉泉变 220 千伏变电站工程')).toEqual({ kind: 'substation', attributes: { voltageKv: 220 } });
    expect(classifyProject('八里庄 110 千伏输变电工程')).toEqual({ kind: 'substation', attributes: { voltageKv: 110 } });
    expect(classifyProject('二道河110千伏输变电工程')).toEqual({ kind: 'substation', attributes: { voltageKv: 110 } });
    // The project's own voltage comes first; 「1#10 千伏」 names its outgoing line.
    expect(classifyProject('章盖营 110 千伏变电站新建 1#10 千伏线路送出工程')).toEqual({ kind: 'substation', attributes: { voltageKv: 110 } });
    expect(classifyProject('某变电站增容工程')).toEqual({ kind: 'substation', attributes: {} });
  });

  it('gives every other kind its words, and no attributes', () => {
    const cases: Array<[string, string]> = [
      ['昭君路小学新建项目', 'school'],
      ['玉泉区幼儿园提升改造和设备购置工程', 'school'],
      ['扎达盖河再生水管网建设项目', 'pipe_network'],
      ['城市燃气管道等更新改造项目', 'pipe_network'],
      ['祥和苑西路道路建设', 'road'],
      ['锡林南路南二环至南三环段拓宽改造', 'road'],
      ['南二环与巴彦塔拉路立交化改造', 'road'],
      ['玉祥·安泽园（范家营棚改回迁房）项目', 'resettlement_housing'],
      ['南源、西源、北源村城中村', 'resettlement_housing'],
      ['安康精神心理康复医院建设项目', 'hospital'],
      ['疾病预防控制中心新建项目', 'hospital'],
      ['家门口老年学堂建设', 'elderly_care'],
      ['敬松老年服务中心改扩建', 'elderly_care'],
      ['城区绿化建设项目', 'ecology'],
      ['小黑河（云中路—呼准铁路桥）河道治理工程', 'ecology'],
      ['新材料产业园建设项目', 'industrial_park'],
      ['工人文化宫建设项目', 'culture_tourism'],
      ['高标准农田建设项目', 'agriculture'],
      ['应急避难场所建设项目', 'public_safety'],
      ['智慧养老平台建设', 'elderly_care'],
      ['蓝城倍挺建设项目', 'other'],
    ];
    for (const [name, kind] of cases) expect([name, classifyProject(name)]).toEqual([name, { kind, attributes: {} }]);
  });

  it('applies the first matching rule, in the order of the kinds', () => {
    // 管网 before 产业园; 道路 before 绿化 (the catalogue overrides such names where the rule misleads).
    expect(classifyProject('裕隆产业园供热热源及配套管网建设项目').kind).toBe('pipe_network');
    expect(classifyProject('道路绿化建设项目').kind).toBe('road');
    // 路 alone is no road: 「云中路」 is a place.
    expect(classifyProject('云中路社区卫生服务中心新建项目').kind).toBe('other');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YUQUAN_15TH_FYP } from './data/yuquan-15th-fyp';
import { columnParagraphs, paragraphsOf, readGroupParagraph, splitEnumeration } from './plan-enumeration';

/** The plan's text, as committed beside the catalogue (a copy of the shared source document). */
const PLAN_TEXT = readFileSync(join(__dirname, 'data/plan-text/002_8436567fb48caf12.txt'), 'utf8');

describe('splitEnumeration: the items of one 「实施…等。」 list', () => {
  it('splits on 「，」 and drops the closing 「等…」', () => {
    expect(splitEnumeration('城区绿化建设项目，道路绿化建设项目，小黑河基础设施修复工程等')).toEqual(['城区绿化建设项目', '道路绿化建设项目', '小黑河基础设施修复工程']);
    expect(splitEnumeration('东二道河村城中村，当浪土牧村城中村等改造项目')).toEqual(['东二道河村城中村', '当浪土牧村城中村']);
    // A 「等」 inside a name stays.
    expect(splitEnumeration('城市燃气管道等更新改造项目，老旧电梯更新改造项目')).toEqual(['城市燃气管道等更新改造项目', '老旧电梯更新改造项目']);
  });

  it('keeps a bare list of goods with the purchase that follows it: 「教学仪器，实验设备购置项目」 is one project', () => {
    expect(splitEnumeration('内蒙古大学南校区教学仪器，实验设备购置项目和学生公寓楼建设等项目')).toEqual([
      '内蒙古大学南校区教学仪器，实验设备购置项目',
      '学生公寓楼建设',
    ]);
    // Goods that stand alone, with no purchase after them, are not joined to anything.
    expect(splitEnumeration('设备购置，消防改造等项目')).toEqual(['设备购置', '消防改造']);
  });

  it('splits two projects joined by 「以及」', () => {
    expect(splitEnumeration('家门口老年学堂建设以及敬松老年服务中心改扩建，设备购置，消防改造等项目')).toEqual([
      '家门口老年学堂建设',
      '敬松老年服务中心改扩建',
      '设备购置',
      '消防改造',
    ]);
  });

  it('splits on 「和」 and 「、」 only after a complete name (…项目 / …工程)', () => {
    expect(splitEnumeration('实验设备购置项目和学生公寓楼建设')).toEqual(['实验设备购置项目', '学生公寓楼建设']);
    expect(splitEnumeration('巴彦路道路绿化建设项目、大黑河沿线基础设施建设工程')).toEqual(['巴彦路道路绿化建设项目', '大黑河沿线基础设施建设工程']);
    expect(splitEnumeration('中考和高考教育管理及教师培训项目，玉泉区幼儿园提升改造和设备购置工程')).toEqual([
      '中考和高考教育管理及教师培训项目',
      '玉泉区幼儿园提升改造和设备购置工程',
    ]);
    expect(splitEnumeration('南源、西源、北源村城中村，范家营城中村')).toEqual(['南源、西源、北源村城中村', '范家营城中村']);
  });

  it('reads a list written with 「、」 alone and closed by 「等…」 item by item', () => {
    expect(splitEnumeration('秋实璟熙臺、御湖尚品·臻园、万锦宽阅及二期等建设项目')).toEqual(['秋实璟熙臺', '御湖尚品·臻园', '万锦宽阅及二期']);
    // No closing 「等」: the 「、」 joins the parts of one name.
    expect(splitEnumeration('小黑河镇、云中路片区、S43 机场高速公路两侧等一批和美乡村建设项目')).toEqual(['小黑河镇、云中路片区、S43 机场高速公路两侧等一批和美乡村建设项目']);
  });
});

describe('readGroupParagraph: a group of the plan', () => {
  it('gives the projects of each sentence to the owner unit named as its subject, and subjectless sentences to the last one', () => {
    expect(readGroupParagraph('甲街道实施A项目，B工程。实施C工程。乙街道实施D项目等。', ['甲街道', '乙街道'])).toEqual({
      kind: 'projects',
      projects: [
        { name: 'A项目', owner: '甲街道' },
        { name: 'B工程', owner: '甲街道' },
        { name: 'C工程', owner: '甲街道' },
        { name: 'D项目', owner: '乙街道' },
      ],
    });
  });

  it('reads a paragraph with no 「实施」 as a group that is its own one project', () => {
    expect(readGroupParagraph('引入社会资本，培育以老年食品、老年服装、辅助器具为主的银发经济产业。')).toEqual({ kind: 'group-is-project' });
  });
});

describe('the plan catalogue is what the splitter reads from the plan', () => {
  const paragraphs = paragraphsOf(PLAN_TEXT);
  const catalogue = YUQUAN_15TH_FYP;
  const ownerNames = catalogue.subdistricts.map((s) => s.name);
  const ownerName = (code: string | undefined) => catalogue.subdistricts.find((s) => s.code === code)?.name;

  for (const column of catalogue.columns) {
    for (const group of column.groups) {
      it(`专栏 ${column.number} group ${group.number} 「${group.title}」`, () => {
        const found = columnParagraphs(paragraphs, column);
        expect(found).not.toBeNull();
        const heading = `**${group.number}.${group.title}：**`;
        const paragraph = group.synthetic ? found![0] : found!.find((p) => p.startsWith(heading))?.slice(heading.length);
        expect(paragraph).toBeDefined();
        const reading = readGroupParagraph(paragraph!, ownerNames);
        const expected =
          reading.kind === 'group-is-project' ? [{ name: group.title }] : reading.projects.map((p) => (p.owner ? { name: p.name, owner: p.owner } : { name: p.name }));
        const actual = group.projects.map((p) => (p.owner ? { name: p.name, owner: ownerName(p.owner) } : { name: p.name }));
        expect(actual).toEqual(expected);
      });
    }
  }
});

/**
 * Checks the committed plan catalogue against the plan's text, for whoever edits
 * seeds/data/yuquan-15th-fyp.ts:
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register seeds/tools/check-plan-catalogue.ts <path of 002_8436567fb48caf12.txt>
 *
 * For every column and group it finds the heading in the text, then every project
 * name in the group's paragraph, in the catalogue's order; what is left of the
 * paragraph once the names are taken out is printed, so an item the catalogue
 * misses shows up there (only 实施, 等, 项目, separators and the sub-district
 * names should remain). Exit code 1 when something is not found. Development
 * tool only: the seed itself never reads the text.
 */
import { readFileSync } from 'node:fs';
import { YUQUAN_15TH_FYP } from '../data/yuquan-15th-fyp';
import { columnParagraphs, paragraphsOf } from '../plan-enumeration';

function main(): void {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: check-plan-catalogue.ts <path of the plan text>');
    process.exit(2);
  }
  const text = readFileSync(path, 'utf8');
  const paragraphs = paragraphsOf(text);
  const problems: string[] = [];
  const catalogue = YUQUAN_15TH_FYP;
  const subdistrictNames = catalogue.subdistricts.map((s) => s.name);

  if (!text.includes(catalogue.plan.title)) problems.push(`plan title not found: ${catalogue.plan.title}`);
  const table = text.slice(text.indexOf('专栏 1'), text.indexOf('注释：（）表示累计数'));
  for (const indicator of catalogue.indicators) {
    const row = table.split('\n').find((line) => line.startsWith(`${indicator.number}.`));
    const cells = row?.split('\t').map((cell) => cell.replace('自治 区', '自治区'));
    const expected = [
      `${indicator.number}.${indicator.name}（${indicator.unit}）`,
      indicator.value2025 ?? '',
      indicator.target2030 ?? '',
      indicator.annualOrCumulative ?? '',
      indicator.nature === 'binding' ? '约束性' : '预期性',
    ];
    if (JSON.stringify(cells) !== JSON.stringify(expected)) problems.push(`indicator ${indicator.number}: text ${JSON.stringify(cells)} ≠ data ${JSON.stringify(expected)}`);
    if (!table.includes(`<b>${indicator.category}（`)) problems.push(`indicator category not found: ${indicator.category}`);
  }

  for (const column of catalogue.columns) {
    const found = columnParagraphs(paragraphs, column);
    if (!found) {
      problems.push(`专栏 ${column.number} 「${column.title}」: heading not found`);
      continue;
    }
    for (const group of column.groups) {
      const paragraph = group.synthetic
        ? found[0]
        : found.find((p) => p.startsWith(`**${group.number}.${group.title}：**`))?.slice(`**${group.number}.${group.title}：**`.length);
      if (paragraph === undefined) {
        problems.push(`专栏 ${column.number} group ${group.number} 「${group.title}」: not found`);
        continue;
      }
      let rest = paragraph;
      let from = 0;
      for (const project of group.projects) {
        // A name the catalogue had to tell apart carries its owner in parentheses.
        const owner = catalogue.subdistricts.find((s) => s.code === project.owner)?.name;
        const name = owner && project.name.endsWith(`（${owner}）`) ? project.name.slice(0, -`（${owner}）`.length) : project.name;
        const at = rest.indexOf(name, from);
        if (at < 0 && !(group.projects.length === 1 && name === group.title)) {
          problems.push(`专栏 ${column.number} group ${group.number}: 「${project.name}」 not found in order`);
          continue;
        }
        if (at >= 0) {
          rest = `${rest.slice(0, at)}|${rest.slice(at + name.length)}`;
          from = at + 1;
        }
      }
      // Owner units: the sub-district named last before a project owns it.
      let ownedFrom = 0;
      for (const project of group.projects.filter((p) => p.owner)) {
        const owner = catalogue.subdistricts.find((s) => s.code === project.owner)!.name;
        const name = project.name.endsWith(`（${owner}）`) ? project.name.slice(0, -`（${owner}）`.length) : project.name;
        const at = paragraph.indexOf(name, ownedFrom);
        ownedFrom = at + 1;
        const named = subdistrictNames
          .map((subdistrict) => ({ subdistrict, at: paragraph.lastIndexOf(subdistrict, at) }))
          .filter((candidate) => candidate.at >= 0)
          .sort((a, b) => b.at - a.at)[0];
        if (named?.subdistrict !== owner) problems.push(`「${project.name}」: the text names ${named?.subdistrict ?? 'no sub-district'} before it, the data ${owner}`);
      }
      let residue = rest;
      for (const word of [...subdistrictNames, '实施', '等建设项目', '等改造项目', '等项目', '等', '，', '、', '。', '|']) residue = residue.split(word).join(' ');
      residue = residue.replace(/\s+/g, ' ').trim();
      console.log(`专栏 ${column.number}.${group.number} ${group.title}: ${group.projects.length} projects; left over: ${residue || '(nothing)'}`);
    }
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nevery name of the catalogue is in the text, in order');
}

if (require.main === module) main();

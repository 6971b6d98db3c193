/**
 * The splitter of the plan catalogue: how the plan's enumerations of projects
 * (「实施A，B，C等。」) are read into project names. The catalogue data
 * (data/yuquan-15th-fyp.ts) is what these rules give for the plan's text — its spec
 * (plan-enumeration.spec.ts) reads every group of 专栏 2–11 from the text and fails
 * where a row differs — so a wrong split is fixed here, in a rule, and never in a row.
 *
 * The rules, in the order they apply to a group's paragraph:
 * 1. Sentences end at 「。」. A sentence that starts with 「实施」, or with an owner
 *    unit followed by 「实施」 (专栏 7 group 7: 「云中路街道办事处实施…」), enumerates
 *    projects; a sentence with 「实施」 and no subject continues the last owner's list.
 *    A paragraph with no such sentence names no separate project: the group is its
 *    one project (专栏 4 group 3).
 * 2. A tail 「等」/「等项目」/「等建设项目」/「等改造项目」 closes the enumeration and is
 *    dropped; a 「等」 inside a name stays (「城市燃气管道等更新改造项目」,
 *    「…等一批和美乡村建设项目」).
 * 3. Items are split on 「，」 — except where the 「，」 stands between the objects
 *    of one purchase: a bare list of goods (ending in 仪器/设备/器材, with no verb of
 *    its own) followed by an item that buys them (…购置…) is one item:
 *    「内蒙古大学南校区教学仪器，实验设备购置项目」.
 * 4. Inside an item, 「以及」 joins two projects and splits them
 *    (「家门口老年学堂建设以及敬松老年服务中心改扩建」 → two).
 * 5. 「和」 and 「、」 split where the part before them is a complete project name,
 *    ending in 项目 or 工程 (「实验设备购置项目和学生公寓楼建设」 → two;
 *    「巴彦路道路绿化建设项目、大黑河沿线基础设施建设工程」 → two); elsewhere they
 *    join the parts of one name (「中考和高考教育管理及教师培训项目」,
 *    「南源、西源、北源村城中村」).
 * 6. A sentence written with 「、」 alone (no 「，」) and closed by a tail 「等…」 lists
 *    its items with 「、」 (专栏 7 group 1, nine housing estates; 专栏 5).
 * A suffix shared by the items (「…城中村等改造项目」) is not added to each, nor a
 * prefix (「内蒙古大学南校区」): every item is kept as the list writes it.
 */

/** One item of an enumeration: the project's name, and the owner unit the sentence names, if any. */
export interface EnumeratedProject {
  name: string;
  owner?: string;
}

export type GroupReading = { kind: 'projects'; projects: EnumeratedProject[] } | { kind: 'group-is-project' };

const CLOSING_TAIL = /等(?:建设|改造)?(?:项目)?$/;
const COMPLETE_NAME = /(?:项目|工程)$/;
const GOODS = /(?:仪器|设备|器材)$/;
const WORK_WORDS = /建设|新建|改造|购置|提升|整治|更新|修复|治理|项目|工程/;

/** Splits `text` at every `separator` whose left part is a complete name (rule 5). */
function splitAfterCompleteNames(text: string, separator: string): string[] {
  const parts = text.split(separator);
  const items: string[] = [];
  let current = parts[0];
  for (const part of parts.slice(1)) {
    if (COMPLETE_NAME.test(current)) {
      items.push(current);
      current = part;
    } else {
      current += separator + part;
    }
  }
  items.push(current);
  return items;
}

/** Rule 3: rejoins a bare list of goods with the purchase that follows it. */
function joinGoodsWithTheirPurchase(fragments: string[]): string[] {
  const items: string[] = [];
  for (let i = 0; i < fragments.length; i += 1) {
    const fragment = fragments[i];
    const next = fragments[i + 1];
    const isBareGoods = GOODS.test(fragment) && !WORK_WORDS.test(fragment);
    if (isBareGoods && next !== undefined && next.includes('购置')) {
      fragments[i + 1] = `${fragment}，${next}`;
      continue;
    }
    items.push(fragment);
  }
  return items;
}

/** The items of one enumerating sentence, without its 「实施」 and its closing tail. */
export function splitEnumeration(list: string): string[] {
  const closed = CLOSING_TAIL.test(list);
  const body = list.replace(CLOSING_TAIL, '');
  if (closed && !body.includes('，') && body.includes('、')) return body.split('、'); // rule 6
  return joinGoodsWithTheirPurchase(body.split('，'))
    .flatMap((item) => item.split('以及'))
    .flatMap((item) => splitAfterCompleteNames(item, '和'))
    .flatMap((item) => splitAfterCompleteNames(item, '、'))
    .filter((item) => item.length > 0);
}

/**
 * Reads one group's paragraph (the text after its 「n.title：」 heading, line breaks
 * removed). `owners` are the unit names that may stand as a sentence's subject.
 */
export function readGroupParagraph(paragraph: string, owners: readonly string[] = []): GroupReading {
  const projects: EnumeratedProject[] = [];
  let owner: string | undefined;
  let enumerates = false;
  for (const sentence of paragraph.split('。').map((s) => s.trim())) {
    if (!sentence) continue;
    const subject = owners.find((name) => sentence.startsWith(`${name}实施`));
    let list: string | null = null;
    if (subject) {
      owner = subject;
      list = sentence.slice(`${subject}实施`.length);
    } else if (sentence.startsWith('实施')) {
      list = sentence.slice('实施'.length);
    }
    if (list === null) continue;
    enumerates = true;
    for (const name of splitEnumeration(list)) projects.push(owner ? { name, owner } : { name });
  }
  return enumerates ? { kind: 'projects', projects } : { kind: 'group-is-project' };
}

/** Paragraphs of the plan's text with the line and page breaks inside them removed. */
export function paragraphsOf(text: string): string[] {
  const paragraphs: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const startsNew = line.startsWith('#') || /^\*\*\d+\./.test(line) || paragraphs.length === 0 || paragraphs[paragraphs.length - 1].startsWith('#');
    if (startsNew) paragraphs.push(line);
    else paragraphs[paragraphs.length - 1] += line;
  }
  return paragraphs;
}

/** The paragraphs of one 专栏: from its heading to the next heading; null when the heading is not in the text. */
export function columnParagraphs(paragraphs: string[], column: { number: number; title: string }): string[] | null {
  const heading = paragraphs.findIndex((p) => new RegExp(`^#+\\s*(\\*\\*)?专栏\\s*${column.number}\\s+${column.title}(\\*\\*)?\\s*$`).test(p));
  if (heading < 0) return null;
  const end = paragraphs.findIndex((p, i) => i > heading && p.startsWith('#'));
  return paragraphs.slice(heading + 1, end < 0 ? undefined : end);
}

/**
 * The rules of a node template's graph (节点模板), shared by the API, the seeds and the bench: which node sets are
 * valid (unique codes, known dependencies, no cycles) and how planned dates follow from a start date.
 *
 * Dates: a node with no predecessor starts from the project's start date; any other starts when the last of its
 * predecessors is met. Its planned date is `durationWorkingDays` working days after that (the start day itself
 * not counted: addWorkingDays). A node of 0 days falls on the same day, or the next working day when that day is
 * off. Working days are the official calendar's (statutory holidays off, 调休 make-up weekends on).
 */

export interface TemplateNodeShape {
  code: string;
  name: string;
  durationWorkingDays: number;
  /** Codes of the nodes it starts after. */
  dependsOn: string[];
}

export interface GraphFieldError {
  field: string;
  reason: string;
}

/** What the date computation needs of the calendar (WorkingDayCalendar has both). */
export interface WorkingDayArithmetic {
  addWorkingDays(date: string, days: number): string;
  isWorkingDay(date: string): boolean;
}

export const MAX_TEMPLATE_NODES = 200;
export const MAX_NODE_DURATION_WORKING_DAYS = 1000;

/** Every fault of a node set, each naming the field (nodes[i].…) and the node; empty when valid. */
export function nodeSetErrors(nodes: readonly TemplateNodeShape[]): GraphFieldError[] {
  const errors: GraphFieldError[] = [];
  if (nodes.length === 0) errors.push({ field: 'nodes', reason: 'a template needs at least one node' });
  if (nodes.length > MAX_TEMPLATE_NODES) errors.push({ field: 'nodes', reason: `at most ${MAX_TEMPLATE_NODES} nodes` });
  const firstIndex = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (firstIndex.has(node.code)) errors.push({ field: `nodes[${i}].code`, reason: `「${node.name}」: code ${node.code} is used by node ${firstIndex.get(node.code)! + 1} too` });
    else firstIndex.set(node.code, i);
    if (!Number.isInteger(node.durationWorkingDays) || node.durationWorkingDays < 0 || node.durationWorkingDays > MAX_NODE_DURATION_WORKING_DAYS) {
      errors.push({ field: `nodes[${i}].durationWorkingDays`, reason: `「${node.name}」: a whole number of working days from 0 to ${MAX_NODE_DURATION_WORKING_DAYS}` });
    }
    const seen = new Set<string>();
    node.dependsOn.forEach((code, j) => {
      if (code === node.code) errors.push({ field: `nodes[${i}].dependsOn[${j}]`, reason: `「${node.name}」 cannot depend on itself` });
      else if (!nodes.some((other) => other.code === code)) errors.push({ field: `nodes[${i}].dependsOn[${j}]`, reason: `「${node.name}」 depends on ${code}, which is no node of this template` });
      if (seen.has(code)) errors.push({ field: `nodes[${i}].dependsOn[${j}]`, reason: `「${node.name}」 names ${code} twice` });
      seen.add(code);
    });
  });
  if (errors.length > 0) return errors;
  const cycle = findCycle(nodes);
  if (cycle) {
    const names = cycle.map((i) => `「${nodes[i].name}」`);
    errors.push({ field: `nodes[${cycle[0]}].dependsOn`, reason: `${names[0]} depends on itself through ${[...names.slice(1), names[0]].join(' → ')}: dependencies must not form a cycle` });
  }
  return errors;
}

/** Indexes of the nodes of one cycle (in dependency order), or null. Assumes codes are unique and known. */
function findCycle(nodes: readonly TemplateNodeShape[]): number[] | null {
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const state = new Array<0 | 1 | 2>(nodes.length).fill(0); // 0 unseen, 1 on the path, 2 done
  const path: number[] = [];
  const visit = (i: number): number[] | null => {
    state[i] = 1;
    path.push(i);
    for (const code of nodes[i].dependsOn) {
      const j = index.get(code)!;
      if (state[j] === 1) return path.slice(path.indexOf(j));
      if (state[j] === 0) {
        const found = visit(j);
        if (found) return found;
      }
    }
    path.pop();
    state[i] = 2;
    return null;
  };
  for (let i = 0; i < nodes.length; i++) {
    if (state[i] === 0) {
      const found = visit(i);
      if (found) return found;
    }
  }
  return null;
}

/** Node indexes with every predecessor before its dependents (the set must be valid: nodeSetErrors empty). */
export function topologicalOrder(nodes: readonly TemplateNodeShape[]): number[] {
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const order: number[] = [];
  const done = new Array<boolean>(nodes.length).fill(false);
  const visit = (i: number) => {
    if (done[i]) return;
    done[i] = true;
    for (const code of nodes[i].dependsOn) visit(index.get(code)!);
    order.push(i);
  };
  nodes.forEach((_node, i) => visit(i));
  return order;
}

/** The date a node is met when it may start on `from` and takes `days` working days. */
export function nodeFinishDate(calendar: WorkingDayArithmetic, from: string, days: number): string {
  if (days > 0) return calendar.addWorkingDays(from, days);
  return calendar.isWorkingDay(from) ? from : calendar.addWorkingDays(from, 1);
}

/** Planned date of every node (by code) for a project starting on `startDate`. */
export function scheduleNodes(calendar: WorkingDayArithmetic, nodes: readonly TemplateNodeShape[], startDate: string): Map<string, string> {
  const planned = new Map<string, string>();
  for (const i of topologicalOrder(nodes)) {
    const node = nodes[i];
    let from = startDate;
    for (const code of node.dependsOn) {
      const date = planned.get(code)!;
      if (date > from) from = date;
    }
    planned.set(node.code, nodeFinishDate(calendar, from, node.durationWorkingDays));
  }
  return planned;
}

/** A milestone of a project generated from a template, as the dependents computation sees it. */
export interface ScheduledMilestone {
  id: string;
  nodeId: string;
  plannedDate: string;
  actualDate: string | null;
  status: string;
  durationWorkingDays: number;
}

/** A dependent that has to move when a milestone moves: from its planned date to its new earliest date. */
export interface DependentMove {
  milestoneId: string;
  oldDate: string;
  newDate: string;
  /** The milestones (ids) whose new dates push it. */
  pushedBy: string[];
}

/**
 * The dependents (transitively) that a move of `movedId` to `newDate` pushes later: a pending dependent whose
 * earliest date — its duration after the latest of its predecessors (the moved one's new date, a met one's actual
 * date, another's planned date, or the new date of another pushed one) — is after its planned date moves to that
 * earliest date. One with slack does not move, and nothing is pulled earlier. In dependency order.
 */
export function dependentMoves(
  calendar: WorkingDayArithmetic,
  milestones: readonly ScheduledMilestone[],
  /** node id → ids of the nodes it depends on. */
  predecessors: ReadonlyMap<string, readonly string[]>,
  movedId: string,
  newDate: string,
): DependentMove[] {
  const byNode = new Map(milestones.map((milestone) => [milestone.nodeId, milestone]));
  const successors = new Map<string, string[]>();
  for (const [nodeId, before] of predecessors) {
    for (const predecessor of before) {
      if (!successors.has(predecessor)) successors.set(predecessor, []);
      successors.get(predecessor)!.push(nodeId);
    }
  }
  const moved = milestones.find((milestone) => milestone.id === movedId);
  if (!moved) return [];
  const current = new Map<string, string>([[moved.nodeId, newDate]]);
  const dateOf = (milestone: ScheduledMilestone): string | null => {
    if (current.has(milestone.nodeId)) return current.get(milestone.nodeId)!;
    if (milestone.status === 'done') return milestone.actualDate;
    if (milestone.status === 'pending') return milestone.plannedDate;
    return null; // cancelled or removed: it holds nothing back
  };

  // Walk the nodes reachable from the moved one in dependency order (each after all its reachable predecessors).
  const reachable = new Set<string>();
  const stack = [moved.nodeId];
  while (stack.length > 0) {
    for (const next of successors.get(stack.pop()!) ?? []) {
      if (!reachable.has(next)) {
        reachable.add(next);
        stack.push(next);
      }
    }
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (nodeId: string) => {
    if (placed.has(nodeId)) return;
    placed.add(nodeId);
    for (const predecessor of predecessors.get(nodeId) ?? []) if (reachable.has(predecessor)) place(predecessor);
    ordered.push(nodeId);
  };
  for (const nodeId of reachable) place(nodeId);

  const moves: DependentMove[] = [];
  const pushed = new Set<string>([moved.nodeId]);
  for (const nodeId of ordered) {
    const milestone = byNode.get(nodeId);
    if (!milestone || milestone.status !== 'pending' || nodeId === moved.nodeId) continue;
    const before = (predecessors.get(nodeId) ?? []).map((id) => byNode.get(id)).filter((m): m is ScheduledMilestone => m !== undefined);
    if (!before.some((m) => pushed.has(m.nodeId))) continue;
    let from: string | null = null;
    for (const predecessor of before) {
      const date = dateOf(predecessor);
      if (date !== null && (from === null || date > from)) from = date;
    }
    if (from === null) continue;
    const earliest = nodeFinishDate(calendar, from, milestone.durationWorkingDays);
    if (earliest <= milestone.plannedDate) continue;
    current.set(nodeId, earliest);
    pushed.add(nodeId);
    moves.push({
      milestoneId: milestone.id,
      oldDate: milestone.plannedDate,
      newDate: earliest,
      pushedBy: before.filter((m) => pushed.has(m.nodeId)).map((m) => m.id),
    });
  }
  return moves;
}

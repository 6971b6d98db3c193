import { WorkingDayCalendar } from '@app/calendar';
import { dependentMoves, nodeSetErrors, scheduleNodes, TemplateNodeShape } from './node-template-graph';

const calendar = new WorkingDayCalendar();
const n = (code: string, durationWorkingDays: number, dependsOn: string[] = []): TemplateNodeShape => ({ code, name: code.toUpperCase(), durationWorkingDays, dependsOn });

describe('node template graph', () => {
  it('plans each node its duration after the latest predecessor, in working days of the official calendar', () => {
    // 2026: 中秋 09-25…27 off, 国庆 10-01…07 off, 调休 Sun 09-20 and Sat 10-10 worked.
    const planned = scheduleNodes(calendar, [n('a', 1), n('b', 5, ['a']), n('c', 2, ['a']), n('d', 3, ['b']), n('e', 2, ['d', 'c'])], '2026-09-18');
    expect(Object.fromEntries(planned)).toEqual({ a: '2026-09-20', b: '2026-09-28', c: '2026-09-22', d: '2026-10-08', e: '2026-10-10' });
  });

  it('puts a node of 0 days on the day it may start, or the next working day when that day is off', () => {
    expect(Object.fromEntries(scheduleNodes(calendar, [n('a', 0), n('b', 0, ['a'])], '2026-10-01'))).toEqual({ a: '2026-10-08', b: '2026-10-08' });
    expect(Object.fromEntries(scheduleNodes(calendar, [n('a', 0)], '2026-09-20'))).toEqual({ a: '2026-09-20' });
  });

  it('does not depend on the order nodes are listed in', () => {
    const listed = [n('e', 2, ['d', 'c']), n('d', 3, ['b']), n('c', 2, ['a']), n('b', 5, ['a']), n('a', 1)];
    expect(scheduleNodes(calendar, listed, '2026-09-18').get('e')).toBe('2026-10-10');
  });

  it('names the node of a cycle, an unknown or repeated dependency, a bad duration and a repeated code', () => {
    expect(nodeSetErrors([n('a', 1, ['c']), n('b', 1, ['a']), n('c', 1, ['b'])])).toEqual([
      { field: 'nodes[0].dependsOn', reason: '「A」 depends on itself through 「C」 → 「B」 → 「A」: dependencies must not form a cycle' },
    ]);
    expect(nodeSetErrors([n('a', 1, ['a'])])[0]).toEqual({ field: 'nodes[0].dependsOn[0]', reason: '「A」 cannot depend on itself' });
    expect(nodeSetErrors([n('a', 1, ['x'])])[0].field).toBe('nodes[0].dependsOn[0]');
    expect(nodeSetErrors([n('a', 1), n('b', 1, ['a', 'a'])])[0].field).toBe('nodes[1].dependsOn[1]');
    expect(nodeSetErrors([n('a', 1.5)])[0].field).toBe('nodes[0].durationWorkingDays');
    expect(nodeSetErrors([n('a', 1), n('a', 2)])[0].field).toBe('nodes[1].code');
    expect(nodeSetErrors([])[0].field).toBe('nodes');
    expect(nodeSetErrors([n('a', 1), n('b', 2, ['a']), n('c', 3, ['a', 'b'])])).toEqual([]);
  });

  it('pushes only the dependents whose earliest date passes their planned date, transitively, never earlier', () => {
    // a → b (5 days) → d (3 days); a → c (2 days), c has slack until 2026-11-30.
    const predecessors = new Map([
      ['nb', ['na']],
      ['nc', ['na']],
      ['nd', ['nb', 'nc']],
    ]);
    const milestones = [
      { id: 'a', nodeId: 'na', plannedDate: '2026-09-20', actualDate: null, status: 'pending', durationWorkingDays: 1 },
      { id: 'b', nodeId: 'nb', plannedDate: '2026-09-28', actualDate: null, status: 'pending', durationWorkingDays: 5 },
      { id: 'c', nodeId: 'nc', plannedDate: '2026-11-30', actualDate: null, status: 'pending', durationWorkingDays: 2 },
      { id: 'd', nodeId: 'nd', plannedDate: '2026-12-03', actualDate: null, status: 'pending', durationWorkingDays: 3 },
    ];
    // a moves to Wed 2026-09-30: b = 5 working days later across 国庆: 10-08, 10-09, Sat 10-10 (调休), 10-12, 10-13; d has room until 12-03.
    expect(dependentMoves(calendar, milestones, predecessors, 'a', '2026-09-30')).toEqual([
      { milestoneId: 'b', oldDate: '2026-09-28', newDate: '2026-10-13', pushedBy: ['a'] },
    ]);
    // a moves to 2026-11-27 (Fri): b → 12-04, c → 12-01, d after both → 12-09.
    expect(dependentMoves(calendar, milestones, predecessors, 'a', '2026-11-27')).toEqual([
      { milestoneId: 'b', oldDate: '2026-09-28', newDate: '2026-12-04', pushedBy: ['a'] },
      { milestoneId: 'c', oldDate: '2026-11-30', newDate: '2026-12-01', pushedBy: ['a'] },
      { milestoneId: 'd', oldDate: '2026-12-03', newDate: '2026-12-09', pushedBy: ['b', 'c'] },
    ]);
    // Earlier: nothing is pulled.
    expect(dependentMoves(calendar, milestones, predecessors, 'a', '2026-09-10')).toEqual([]);
    // A done dependent does not move, and what follows it counts from its actual date (b met 09-25): d follows c alone.
    const withDone = milestones.map((m) => (m.id === 'b' ? { ...m, status: 'done', actualDate: '2026-09-25' } : m));
    expect(dependentMoves(calendar, withDone, predecessors, 'a', '2026-11-27').map((move) => [move.milestoneId, move.newDate])).toEqual([
      ['c', '2026-12-01'],
      ['d', '2026-12-04'],
    ]);
  });
});

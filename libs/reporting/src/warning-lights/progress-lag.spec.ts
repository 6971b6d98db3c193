import { assessProgress, ProjectProgressFacts } from './progress-lag';

const project = (overrides: Partial<ProjectProgressFacts> = {}): ProjectProgressFacts => ({
  status: 'under_construction',
  plannedStartDate: '2026-01-01',
  plannedEndDate: '2026-12-31',
  percentComplete: '30.00',
  ...overrides,
});

describe('progress against 序时进度 (P = 15 points)', () => {
  it('computes the elapsed share in calendar days and flags a lag above P', () => {
    // 2026-01-01 → 2026-11-22 is 325 of 364 days = 89.2857… % → 89.29; lag 59.29.
    expect(assessProgress(project(), '2026-11-22', 15)).toEqual({ expectedPercent: '89.29', actualPercent: '30.00', lagPoints: '59.29', lagging: true });
  });

  it('is not lagging at exactly P points, and is lagging just above', () => {
    // 2026-01-01 → 2026-01-11 of a 100-day span (to 2026-04-11) = 10 %; 100 days: exact figures.
    const exact = project({ plannedEndDate: '2026-04-11', percentComplete: '0' });
    expect(assessProgress(exact, '2026-01-16', 15)).toMatchObject({ expectedPercent: '15.00', lagPoints: '15.00', lagging: false });
    expect(assessProgress({ ...exact, percentComplete: '0' }, '2026-01-17', 15)).toMatchObject({ expectedPercent: '16.00', lagging: true });
    expect(assessProgress({ ...exact, percentComplete: '0.99' }, '2026-01-17', 15)).toMatchObject({ lagPoints: '15.01', lagging: true });
    expect(assessProgress({ ...exact, percentComplete: '1' }, '2026-01-17', 15)).toMatchObject({ lagPoints: '15.00', lagging: false });
  });

  it('clamps before the start and after the end', () => {
    expect(assessProgress(project(), '2025-12-01', 15)).toMatchObject({ expectedPercent: '0.00', lagPoints: '-30.00', lagging: false });
    expect(assessProgress(project({ percentComplete: '84.99' }), '2027-05-01', 15)).toMatchObject({ expectedPercent: '100.00', lagging: true });
  });

  it('does not apply without dates or a percentage, or to finished projects', () => {
    expect(assessProgress(project({ plannedStartDate: null }), '2026-11-22', 15)).toBeNull();
    expect(assessProgress(project({ percentComplete: null }), '2026-11-22', 15)).toBeNull();
    expect(assessProgress(project({ status: 'completed' }), '2026-11-22', 15)).toBeNull();
    expect(assessProgress(project({ status: 'cancelled' }), '2026-11-22', 15)).toBeNull();
  });

  it('handles a one-day span', () => {
    const oneDay = project({ plannedStartDate: '2026-06-01', plannedEndDate: '2026-06-01', percentComplete: '50' });
    expect(assessProgress(oneDay, '2026-05-31', 15)).toMatchObject({ expectedPercent: '0.00', lagging: false });
    expect(assessProgress(oneDay, '2026-06-01', 15)).toMatchObject({ expectedPercent: '100.00', lagging: true });
  });
});

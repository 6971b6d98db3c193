import { describe, expect, it } from 'vitest';
import { activeFilterCount, apiQueryFromFilters, DEFAULT_FILTERS, filtersFromQuery, queryFromFilters, withFilterChange } from './project-filters';

describe('project list filter ⇄ URL', () => {
  it('reads a shared link into the filter', () => {
    expect(filtersFromQuery({ q: '220千伏', column: '8', group: '3', status: 'under_construction,preparation', light: 'red', sort: 'name', order: 'desc', page: '2', pageSize: '50' })).toEqual({
      q: '220千伏',
      column: 8,
      group: 3,
      kind: undefined,
      ownerUnit: undefined,
      status: ['under_construction', 'preparation'],
      light: 'red',
      sort: 'name',
      order: 'desc',
      page: 2,
      pageSize: 50,
    });
  });

  it('ignores what it cannot use instead of failing: unknown sort, light, sizes; a group without its column', () => {
    expect(filtersFromQuery({ sort: 'drop table', light: 'blue', pageSize: '7', page: '-1', group: '3', column: 'x' })).toEqual({ ...DEFAULT_FILTERS, kind: undefined, ownerUnit: undefined, column: undefined, group: undefined, light: undefined });
  });

  it('accepts repeated status parameters and drops duplicates', () => {
    expect(filtersFromQuery({ status: ['completed', 'in_service,completed'] }).status).toEqual(['completed', 'in_service']);
  });

  it('writes only what differs from the defaults, and reads back the same filter', () => {
    expect(queryFromFilters(DEFAULT_FILTERS)).toEqual({});
    const filter = { ...DEFAULT_FILTERS, q: ' 安泽园 ', column: 7, status: ['under_construction'], light: 'yellow' as const, page: 3 };
    const query = queryFromFilters(filter);
    expect(query).toEqual({ q: '安泽园', column: '7', status: 'under_construction', light: 'yellow', page: '3' });
    expect(filtersFromQuery(query as Record<string, string>)).toEqual({ ...filter, q: '安泽园', group: undefined, kind: undefined, ownerUnit: undefined });
  });

  it('sends the API the same filter, with paging and sort always', () => {
    expect(apiQueryFromFilters({ ...DEFAULT_FILTERS, q: '220千伏', status: ['completed', 'in_service'] })).toEqual({ q: '220千伏', status: 'completed,in_service', page: 1, pageSize: 20, sort: 'planOrder', order: 'asc' });
  });

  it('goes back to page 1 when the filter changes, not when paging', () => {
    const onPage3 = { ...DEFAULT_FILTERS, page: 3 };
    expect(withFilterChange(onPage3, { light: 'red' }).page).toBe(1);
    expect(withFilterChange(onPage3, { page: 4 }).page).toBe(4);
  });
});

describe('the phone’s 筛选 button', () => {
  it('counts the filters behind it, not the search text, and a group only with its column', () => {
    expect(activeFilterCount({ ...DEFAULT_FILTERS, q: '安泽园' })).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, column: 7, group: 3, light: 'red', status: ['under_construction', 'preparation'] })).toBe(4);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, group: 3, kind: 'school', ownerUnit: 'u-1' })).toBe(2);
  });
});

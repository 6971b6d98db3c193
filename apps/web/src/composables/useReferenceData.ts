/** Lists the filters choose from (专栏, their groups, 责任单位), read once per page load and shared. */
import { ref } from 'vue';
import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';

type Column = components['schemas']['PlanColumnSummaryDto'];
type Department = components['schemas']['DepartmentResponse'];
type Group = components['schemas']['PlanGroupSummaryDto'];

const columns = ref<Column[]>([]);
const departments = ref<Department[]>([]);
const groups = new Map<number, Group[]>();
let loaded: Promise<void> | undefined;

export function useReferenceData() {
  if (!loaded) {
    loaded = Promise.all([unwrap(api.GET('/api/v1/columns')), unwrap(api.GET('/api/v1/departments'))])
      .then(([c, d]) => {
        columns.value = c;
        departments.value = d;
      })
      .catch((error) => {
        loaded = undefined;
        throw error;
      });
  }
  return {
    columns,
    departments,
    ready: loaded,
    async groupsOf(column: number): Promise<Group[]> {
      if (!groups.has(column)) {
        const detail = await unwrap(api.GET('/api/v1/columns/{number}', { params: { path: { number: column } } }));
        groups.set(column, detail.groups);
      }
      return groups.get(column)!;
    },
  };
}

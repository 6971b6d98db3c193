import type { DepartmentKind } from '@app/domain';

/** How a 责任单位's kind reads in Chinese. */
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  department: '部门',
  subdistrict: '街道',
  town: '镇',
};

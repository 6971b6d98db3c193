/** Error codes of the departments feature (责任单位). */
export const DepartmentErrors = {
  /** Another department already uses this code. */
  CODE_TAKEN: 'DEPARTMENT_CODE_TAKEN',
  /** Another department already has this name. */
  NAME_TAKEN: 'DEPARTMENT_NAME_TAKEN',
  /** No department with this id (404). */
  NOT_FOUND: 'DEPARTMENT_NOT_FOUND',
} as const;

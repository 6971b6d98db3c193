import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

const duplicate = <C extends string>(code: C, field: string, message: string) =>
  new AppError(HttpStatus.CONFLICT, code, message, [{ field, reason: 'already used by another department' }]);

/** The errors of the departments feature (责任单位); their codes are DepartmentErrorCode. */
export const DepartmentErrors = {
  /** 409: another department already uses this code. */
  codeTaken: (code: string) => duplicate('DEPARTMENT_CODE_TAKEN', 'code', `A department with the code ${code} already exists`),
  /** 409: another department already has this name. */
  nameTaken: (name: string) => duplicate('DEPARTMENT_NAME_TAKEN', 'name', `A department named ${name} already exists`),
};
export type DepartmentErrorCode = ErrorCodeOf<typeof DepartmentErrors>;

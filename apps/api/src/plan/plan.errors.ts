import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/app-error';

/** Error codes of the plan catalogue. */
export const PlanErrorCode = {
  PLAN_NOT_FOUND: 'PLAN_NOT_FOUND',
  COLUMN_NOT_FOUND: 'COLUMN_NOT_FOUND',
} as const;

export const PlanErrors = {
  noPlan: () => new AppError(HttpStatus.NOT_FOUND, PlanErrorCode.PLAN_NOT_FOUND, 'No plan has been loaded yet (run the plan seed)'),
  columnNotFound: (number: number) => new AppError(HttpStatus.NOT_FOUND, PlanErrorCode.COLUMN_NOT_FOUND, `The plan has no 专栏 ${number}`),
};

import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

export const PlanErrors = {
  noPlan: () => new AppError(HttpStatus.NOT_FOUND, 'PLAN_NOT_FOUND', 'No plan has been loaded yet (run the plan seed)'),
  columnNotFound: (number: number) => new AppError(HttpStatus.NOT_FOUND, 'COLUMN_NOT_FOUND', `The plan has no 专栏 ${number}`),
};
export type PlanErrorCode = ErrorCodeOf<typeof PlanErrors>;

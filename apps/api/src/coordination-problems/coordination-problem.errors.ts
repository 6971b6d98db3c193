import { HttpStatus } from '@nestjs/common';
import { COORDINATION_PROBLEM_STATE_LABELS, CoordinationProblemState } from '@app/domain';
import { AppError, Errors, type ErrorCodeOf } from '../common/app-error';

export type ProblemStep = 'accept' | 'claim' | 'close' | 'return' | 'suspend' | 'resume';

const STEP_LABELS: Record<ProblemStep, string> = {
  accept: 'accepted (受理)',
  claim: 'claimed solved (申报已解决)',
  close: 'closed (销号)',
  return: 'returned (退回)',
  suspend: 'suspended (挂起)',
  resume: 'resumed (恢复)',
};

export const CoordinationProblemErrors = {
  notFound: (id: string) => Errors.notFound('coordination_problem', id),
  wrongState: (step: ProblemStep, state: CoordinationProblemState, allowed: readonly CoordinationProblemState[]) =>
    new AppError(
      HttpStatus.CONFLICT,
      'PROBLEM_WRONG_STATE',
      `Only a problem that is ${allowed.join(' or ')} can be ${STEP_LABELS[step]}; this one is ${state} (${COORDINATION_PROBLEM_STATE_LABELS[state]})`,
    ),
  notYours: (message: string) => new AppError(HttpStatus.FORBIDDEN, 'PROBLEM_STEP_NOT_YOURS', message),
  reportWithdrawn: (reportId: string) =>
    new AppError(HttpStatus.CONFLICT, 'PROGRESS_REPORT_WITHDRAWN', `Progress report ${reportId} was withdrawn (撤回); raise the problem from a standing report`),
  progressReportNotFound: (id: string) => Errors.notFound('progress_report', id),
  problemTypeExists: (code: string) =>
    new AppError(HttpStatus.CONFLICT, 'PROBLEM_TYPE_EXISTS', `A problem type with code ${code} or this name exists already`, [
      { field: 'code', reason: 'already taken (code or name)' },
    ]),
  problemTypeNotFound: (code: string) => Errors.notFound('problem_type', code),
  staleVersion: (expected: number, current: number) =>
    Errors.preconditionFailed(`The problem changed since you read it (you sent version ${expected}, it is now ${current}); read it again`),
};
export type CoordinationProblemErrorCode = ErrorCodeOf<typeof CoordinationProblemErrors>;

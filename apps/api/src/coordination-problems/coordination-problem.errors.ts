import { HttpStatus } from '@nestjs/common';
import { COORDINATION_PROBLEM_STATE_LABELS, CoordinationProblemState } from '@app/domain';
import { AppError, Errors } from '../common/app-error';

/** Error codes of the problem ledger (问题台账). */
export const CoordinationProblemErrorCodes = {
  NOT_FOUND: 'COORDINATION_PROBLEM_NOT_FOUND',
  /** A step the problem's state does not allow (e.g. 销号 of a problem nobody claimed solved). */
  WRONG_STATE: 'PROBLEM_WRONG_STATE',
  /** The caller may see the problem but this step is another unit's or the office's. */
  NOT_YOURS: 'PROBLEM_STEP_NOT_YOURS',
  /** A progress report that was withdrawn (撤回) cannot be turned into a problem. */
  REPORT_WITHDRAWN: 'PROGRESS_REPORT_WITHDRAWN',
  PROBLEM_TYPE_EXISTS: 'PROBLEM_TYPE_EXISTS',
  STALE_VERSION: 'STALE_VERSION',
} as const;

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
      CoordinationProblemErrorCodes.WRONG_STATE,
      `Only a problem that is ${allowed.join(' or ')} can be ${STEP_LABELS[step]}; this one is ${state} (${COORDINATION_PROBLEM_STATE_LABELS[state]})`,
    ),
  notYours: (message: string) => new AppError(HttpStatus.FORBIDDEN, CoordinationProblemErrorCodes.NOT_YOURS, message),
  reportWithdrawn: (reportId: string) =>
    new AppError(HttpStatus.CONFLICT, CoordinationProblemErrorCodes.REPORT_WITHDRAWN, `Progress report ${reportId} was withdrawn (撤回); raise the problem from a standing report`),
  progressReportNotFound: (id: string) => Errors.notFound('progress_report', id),
  problemTypeExists: (code: string) =>
    new AppError(HttpStatus.CONFLICT, CoordinationProblemErrorCodes.PROBLEM_TYPE_EXISTS, `A problem type with code ${code} or this name exists already`, [
      { field: 'code', reason: 'already taken (code or name)' },
    ]),
  problemTypeNotFound: (code: string) => Errors.notFound('problem_type', code),
  staleVersion: (expected: number, current: number) =>
    Errors.preconditionFailed(`The problem changed since you read it (you sent version ${expected}, it is now ${current}); read it again`),
};

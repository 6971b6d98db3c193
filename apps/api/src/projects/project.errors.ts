import { HttpStatus } from '@nestjs/common';
import { allowedNextStatuses, PROJECT_STATUS_LABELS, ProjectStatus } from '@app/domain';
import { AppError, Errors, type ErrorCodeOf } from '../common/app-error';

export const ProjectErrors = {
  notFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'PROJECT_NOT_FOUND', `No project with id ${id}`),
  nameTaken: (name: string) =>
    Errors.conflict('PROJECT_NAME_TAKEN', `A project named 「${name}」 already exists in this group`, [
      { field: 'name', reason: 'already used by another project of the same owner unit in the same group' },
    ]),
  unknownColumn: (number: number) =>
    Errors.badRequest('UNKNOWN_COLUMN', `The plan has no 专栏 ${number}`, [
      { field: 'columnNumber', reason: `no column number ${number} in the plan` },
    ]),
  unknownGroup: (columnNumber: number, groupNumber: number) =>
    Errors.badRequest('UNKNOWN_GROUP', `专栏 ${columnNumber} has no group ${groupNumber}`, [
      { field: 'groupNumber', reason: `no group number ${groupNumber} in column ${columnNumber}` },
    ]),
  unknownOwnerUnit: (id: string) =>
    Errors.badRequest('UNKNOWN_OWNER_UNIT', `No department with id ${id}`, [
      { field: 'ownerUnitId', reason: 'no department with this id' },
    ]),
  invalidStatusTransition: (from: ProjectStatus, to: ProjectStatus) => {
    const allowed = allowedNextStatuses(from);
    const allowedText = allowed.length > 0 ? allowed.map((s) => `${s} (${PROJECT_STATUS_LABELS[s]})`).join(', ') : 'none (final status)';
    return Errors.conflict(
      'INVALID_STATUS_TRANSITION',
      `A project cannot move from ${from} (${PROJECT_STATUS_LABELS[from]}) to ${to} (${PROJECT_STATUS_LABELS[to]}); allowed next statuses: ${allowedText}`,
      [{ field: 'status', reason: `allowed from ${from}: ${allowed.join(', ') || 'none'}` }],
    );
  },
  invalidLeadOfficial: (id: string) =>
    Errors.badRequest('INVALID_LEAD_OFFICIAL', `No active user with id ${id} to be the lead official`, [
      { field: 'leadOfficialUserId', reason: 'must be the id of an active user' },
    ]),
};
export type ProjectErrorCode = ErrorCodeOf<typeof ProjectErrors>;

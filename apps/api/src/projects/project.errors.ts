import { HttpStatus } from '@nestjs/common';
import { allowedNextStatuses, PROJECT_STATUS_LABELS, ProjectStatus } from '@app/domain';
import { AppError, Errors } from '../common/app-error';

/** Error codes of the projects feature (stable: clients switch on them). */
export const ProjectErrorCode = {
  NOT_FOUND: 'PROJECT_NOT_FOUND',
  NAME_TAKEN: 'PROJECT_NAME_TAKEN',
  UNKNOWN_COLUMN: 'UNKNOWN_COLUMN',
  UNKNOWN_GROUP: 'UNKNOWN_GROUP',
  UNKNOWN_OWNER_UNIT: 'UNKNOWN_OWNER_UNIT',
  INVALID_STATUS_TRANSITION: 'INVALID_STATUS_TRANSITION',
  INVALID_LEAD_OFFICIAL: 'INVALID_LEAD_OFFICIAL',
} as const;

export const ProjectErrors = {
  notFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, ProjectErrorCode.NOT_FOUND, `No project with id ${id}`),
  nameTaken: (name: string) =>
    Errors.conflict(ProjectErrorCode.NAME_TAKEN, `A project named 「${name}」 already exists in this group`, [
      { field: 'name', reason: 'already used by another project of the same owner unit in the same group' },
    ]),
  unknownColumn: (number: number) =>
    Errors.badRequest(ProjectErrorCode.UNKNOWN_COLUMN, `The plan has no 专栏 ${number}`, [
      { field: 'columnNumber', reason: `no column number ${number} in the plan` },
    ]),
  unknownGroup: (columnNumber: number, groupNumber: number) =>
    Errors.badRequest(ProjectErrorCode.UNKNOWN_GROUP, `专栏 ${columnNumber} has no group ${groupNumber}`, [
      { field: 'groupNumber', reason: `no group number ${groupNumber} in column ${columnNumber}` },
    ]),
  unknownOwnerUnit: (id: string) =>
    Errors.badRequest(ProjectErrorCode.UNKNOWN_OWNER_UNIT, `No department with id ${id}`, [
      { field: 'ownerUnitId', reason: 'no department with this id' },
    ]),
  invalidStatusTransition: (from: ProjectStatus, to: ProjectStatus) => {
    const allowed = allowedNextStatuses(from);
    const allowedText = allowed.length > 0 ? allowed.map((s) => `${s} (${PROJECT_STATUS_LABELS[s]})`).join(', ') : 'none (final status)';
    return Errors.conflict(
      ProjectErrorCode.INVALID_STATUS_TRANSITION,
      `A project cannot move from ${from} (${PROJECT_STATUS_LABELS[from]}) to ${to} (${PROJECT_STATUS_LABELS[to]}); allowed next statuses: ${allowedText}`,
      [{ field: 'status', reason: `allowed from ${from}: ${allowed.join(', ') || 'none'}` }],
    );
  },
  invalidLeadOfficial: (id: string) =>
    Errors.badRequest(ProjectErrorCode.INVALID_LEAD_OFFICIAL, `No active user with id ${id} to be the lead official`, [
      { field: 'leadOfficialUserId', reason: 'must be the id of an active user' },
    ]),
};

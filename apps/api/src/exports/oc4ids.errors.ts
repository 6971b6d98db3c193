import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

/** Error codes of the OC4IDS export. */
export const Oc4idsErrors = {
  /** A project package must hold at least one project (projects: minItems 1). */
  noProjects: () =>
    new AppError(HttpStatus.NOT_FOUND, 'OC4IDS_NO_PROJECTS', 'No project matches these filters: an OC4IDS package needs at least one project'),
  projectNotFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'PROJECT_NOT_FOUND', `No project with id ${id}`),
};
export type Oc4idsErrorCode = ErrorCodeOf<typeof Oc4idsErrors>;

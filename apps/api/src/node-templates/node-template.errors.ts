import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf, Errors, FieldError } from '../common/app-error';

/** The errors of the node templates feature (节点模板); their codes: NodeTemplateErrorCode */
export const NodeTemplateErrors = {
  notFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'NODE_TEMPLATE_NOT_FOUND', `No node template with id ${id}`),
  versionNotFound: (number: number) =>
    new AppError(HttpStatus.NOT_FOUND, 'NODE_TEMPLATE_VERSION_NOT_FOUND', `The template has no version ${number}`),
  unknownTemplate: (id: string) =>
    Errors.badRequest('NODE_TEMPLATE_NOT_FOUND', `No node template with id ${id}`, [{ field: 'templateId', reason: 'no node template with this id' }]),
  invalidNodes: (details: FieldError[]) =>
    Errors.badRequest('NODE_TEMPLATE_INVALID_NODES', `The nodes are not a valid template: ${details[0]?.reason ?? ''}`, details),
  codeTaken: (code: string) =>
    Errors.conflict('NODE_TEMPLATE_CODE_TAKEN', `A node template with code ${code} exists`, [{ field: 'code', reason: 'already used by another template' }]),
  kindMismatch: (templateKind: string, projectKind: string) =>
    Errors.badRequest('NODE_TEMPLATE_KIND_MISMATCH', `The template is for projects of kind ${templateKind}, not ${projectKind}`, [
      { field: 'templateId', reason: `a template of kind ${projectKind} (or of kind other) is needed` },
    ]),
  startRequired: () =>
    Errors.badRequest('NODE_TEMPLATE_START_REQUIRED', 'A project created from a template needs its planned start date', [
      { field: 'plannedStartDate', reason: 'required with templateId: the milestones\' dates are computed from it' },
    ]),
  noCurrentVersion: () =>
    Errors.conflict('NODE_TEMPLATE_NO_CURRENT_VERSION', 'The template has no current version', [{ field: 'templateId', reason: 'no current version' }]),
};
export type NodeTemplateErrorCode = ErrorCodeOf<typeof NodeTemplateErrors>;

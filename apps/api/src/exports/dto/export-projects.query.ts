import { OmitType } from '@nestjs/swagger';
import { ListProjectsQuery } from '../../projects/dto/list-projects.query';

/** The project list's filters (q, column, group, kind, ownerUnit, status, location), without paging or sort. */
export class ExportProjectsQuery extends OmitType(ListProjectsQuery, ['page', 'pageSize', 'sort', 'order'] as const) {}

import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowApiKey } from '../auth/auth.decorators';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { ExportProjectsQuery } from './dto/export-projects.query';
import { Oc4idsPackageDto } from './dto/oc4ids-package.response';
import { Oc4idsExportService } from './oc4ids-export.service';

const JSON_TYPE = 'application/json; charset=utf-8';

/** OC4IDS 0.9.5 (Open Contracting for Infrastructure Data Standards) project packages, for the city platform and the public. */
@ApiTags('exports')
@Controller()
export class Oc4idsController {
  constructor(private readonly oc4ids: Oc4idsExportService) {}

  @Get('exports/oc4ids')
  @AllowApiKey('projects:read')
  @ApiProduces('application/json')
  @ApiDoc({
    summary: 'The portfolio as an OC4IDS 0.9.5 project package (streamed)',
    description:
      'Every project the caller may read, filtered like GET /projects (q, column, group, kind, ownerUnit, status, location; no paging). ' +
      'Streamed page by page from one consistent snapshot. 404 when no project matches (a package needs one). Mapping: README, "OC4IDS export".',
    type: Oc4idsPackageDto,
    errors: [400, 403, 404, 429],
  })
  async portfolio(@Query() query: ExportProjectsQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const stream = await this.oc4ids.portfolioPackage(query, request.url);
    await reply.type(JSON_TYPE).send(stream);
  }

  @Get('projects/:id/oc4ids')
  @AllowApiKey('projects:read')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/json')
  @ApiDoc({
    summary: 'One project as an OC4IDS 0.9.5 project package',
    type: Oc4idsPackageDto,
    errors: [400, 403, 404, 429],
  })
  async project(@Param('id', UuidParam()) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await reply.type(JSON_TYPE).send(await this.oc4ids.projectPackage(id, request.url));
  }
}

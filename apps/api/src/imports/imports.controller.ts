import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { ImportResultDto } from './dto/import-result.response';
import { renderImportReport } from './import-report.xlsx';
import { ImportTemplatesService } from './import-templates.service';
import { readImportUpload } from './import-upload';
import { ImportsService } from './imports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel import (台账导入, 月报导入): templates, the import itself, and its report as XLSX. */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly templates: ImportTemplatesService,
    private readonly config: AppConfig,
  ) {}

  @Get('templates/projects.xlsx')
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({ summary: 'The 项目台账 (projects) import template: Chinese headers, an example row, dropdowns, a notes sheet', binary: [XLSX], errors: [403, 429] })
  async projectsTemplate(@Res() reply: FastifyReply): Promise<void> {
    await this.sendXlsx(reply, '项目台账导入模板.xlsx', await this.templates.template('projects'));
  }

  @Get('templates/monthly-report.xlsx')
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({ summary: 'The 投资月报 (monthly completed investment) import template', binary: [XLSX], errors: [403, 429] })
  async monthlyTemplate(@Res() reply: FastifyReply): Promise<void> {
    await this.sendXlsx(reply, '投资月报导入模板.xlsx', await this.templates.template('monthly-report'));
  }

  @Post()
  @AllowRoles('admin', 'department_editor')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary', description: '.xlsx filled from the template' },
        kind: { type: 'string', enum: ['projects', 'monthly-report'] },
        dryRun: { type: 'string', enum: ['true', 'false'], default: 'false', description: 'true: report only, nothing written' },
        mode: { type: 'string', enum: ['all-or-nothing', 'valid-rows'], default: 'all-or-nothing' },
      },
    },
  })
  @ApiDoc({
    summary: 'Import an Excel file (台账 or 月报): a report of creates, updates (before → after), unchanged and rejected rows',
    description:
      'Editors import only their own unit\'s projects (other units\' rows are rejected). all-or-nothing (default): one rejected row and nothing is written (applied: false); ' +
      'valid-rows: the valid rows are written. Bad files are a 400 and nothing is written: not an .xlsx, .xlsm, encrypted, unzipped size over IMPORT_MAX_UNCOMPRESSED_BYTES, ' +
      'more than IMPORT_MAX_ROWS rows, merged header cells, formulas without a saved value (a formula\'s saved value is taken). The report is stored: GET /imports/:id/report.xlsx.',
    type: ImportResultDto,
    status: 201,
    errors: [400, 403, 409, 429],
  })
  async run(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportResultDto> {
    const upload = await readImportUpload(request, this.config.IMPORT_MAX_FILE_BYTES);
    reply.status(201);
    return this.imports.run(principal, upload);
  }

  @Get(':id/report.xlsx')
  @AllowRoles('admin', 'department_editor')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({ summary: 'An import\'s report as XLSX (its importer or an admin)', binary: [XLSX], errors: [400, 403, 404, 429] })
  async report(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const run = await this.imports.find(principal, id);
    await this.sendXlsx(reply, `导入报告-${run.id}.xlsx`, await renderImportReport(run));
  }

  private async sendXlsx(reply: FastifyReply, fileName: string, body: Buffer): Promise<void> {
    await reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="import.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(body);
  }
}



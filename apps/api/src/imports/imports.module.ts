import { Module } from '@nestjs/common';
import { ImportTemplatesService } from './import-templates.service';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Data in from Excel: the 项目台账 and 投资月报 templates, the import with its report, the report as XLSX. */
@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportTemplatesService],
})
export class ImportsModule {}

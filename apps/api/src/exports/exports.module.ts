import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { Oc4idsExportService } from './oc4ids-export.service';
import { Oc4idsController } from './oc4ids.controller';

/** Data out in open standards: the OC4IDS project package of the portfolio and of one project. */
@Module({
  imports: [ProjectsModule],
  controllers: [Oc4idsController],
  providers: [Oc4idsExportService],
})
export class ExportsModule {}

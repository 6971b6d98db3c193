import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { InvestmentModule } from '../investment/investment.module';
import { NodeTemplatesModule } from '../node-templates/node-templates.module';
import { ProjectSearchService } from './project-search.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

/** Key projects (重点工程): search and lists, detail with milestones and investment, create and change. */
@Module({
  imports: [InvestmentModule, ReportingModule, NodeTemplatesModule],
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectSearchService],
  exports: [ProjectsService, ProjectSearchService],
})
export class ProjectsModule {}

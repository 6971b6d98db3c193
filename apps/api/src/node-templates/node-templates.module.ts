import { Module } from '@nestjs/common';
import { MilestoneOutboxModule } from '../milestones/milestone-outbox.module';
import { NodeStatisticsService } from './node-statistics.service';
import { NodeTemplatesController } from './node-templates.controller';
import { NodeTemplatesService } from './node-templates.service';
import { TemplateMilestones } from './template-milestones';

/** 节点模板 (#12 part 2): templates and versions, projects' milestones generated from them, 手续办结率 per node. */
@Module({
  imports: [MilestoneOutboxModule],
  controllers: [NodeTemplatesController],
  providers: [NodeTemplatesService, NodeStatisticsService, TemplateMilestones],
  exports: [TemplateMilestones],
})
export class NodeTemplatesModule {}

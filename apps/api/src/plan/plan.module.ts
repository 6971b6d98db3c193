import { Module } from '@nestjs/common';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';

/** The plan catalogue (规划纲要, 专栏, groups, 专栏 1 indicators), read-only. */
@Module({ controllers: [PlanController], providers: [PlanService], exports: [PlanService] })
export class PlanModule {}

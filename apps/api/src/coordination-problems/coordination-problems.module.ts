import { Module } from '@nestjs/common';
import { CoordinationProblemSettingsController } from './coordination-problem-settings.controller';
import { CoordinationProblemsController } from './coordination-problems.controller';
import { CoordinationProblemsService } from './coordination-problems.service';
import { ProblemTypesController } from './problem-types.controller';
import { ProblemTypesService } from './problem-types.service';

/** 问题台账: problems units raise for coordination, their codelist and the climb's settings. */
@Module({
  controllers: [CoordinationProblemsController, ProblemTypesController, CoordinationProblemSettingsController],
  providers: [CoordinationProblemsService, ProblemTypesService],
  exports: [CoordinationProblemsService],
})
export class CoordinationProblemsModule {}

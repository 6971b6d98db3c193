import { Module } from '@nestjs/common';
import { InvestmentController } from './investment.controller';
import { InvestmentService } from './investment.service';

/** 投资: annual plans, monthly completed investment and the summary (also shown in GET /projects/:id). */
@Module({ controllers: [InvestmentController], providers: [InvestmentService], exports: [InvestmentService] })
export class InvestmentModule {}

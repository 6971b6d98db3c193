import { Module } from '@nestjs/common';
import { ReminderRulesController } from './reminder-rules.controller';
import { ReminderRulesService } from './reminder-rules.service';

/** 催办规则: the rules the worker's reminder scan follows, editable by the admin. */
@Module({ controllers: [ReminderRulesController], providers: [ReminderRulesService] })
export class ReminderRulesModule {}

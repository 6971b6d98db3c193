import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

/** 挂图作战 (the timeline wall): a column's projects and milestones on one time axis, for the web page and the big screen. */
@Module({ imports: [ReportingModule], controllers: [TimelineController], providers: [TimelineService] })
export class TimelineModule {}

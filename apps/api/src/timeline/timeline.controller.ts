import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowApiKey } from '../auth/auth.decorators';
import { ApiDoc } from '../common/api-doc.decorator';
import { TimelineQuery } from './dto/timeline.query';
import { TimelineDto } from './dto/timeline.response';
import { TimelineService } from './timeline.service';

/** 挂图作战: readable as the project list is — every signed-in role and API keys with projects:read. */
@ApiTags('timeline')
@Controller('timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @AllowApiKey('projects:read')
  @ApiDoc({
    summary: '挂图作战: a 专栏\'s projects with all their milestones (baseline, planned, actual) and today\'s lights, in one read',
    description:
      'Projects not cancelled, in plan order, each with its light (as in GET /projects) and its pending and done milestones by planned date, ' +
      'each with its own light (as in GET /warning-lights/projects/:id). Without `column`: the column with the most projects. ' +
      'An unknown column or owner unit is a 400 naming the parameter.',
    type: TimelineDto,
    errors: [400, 403, 404],
  })
  read(@Query() query: TimelineQuery): Promise<TimelineDto> {
    return this.timeline.read(query);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowApiKey } from '../auth/auth.decorators';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { ListProjectLightsQuery } from './dto/list-project-lights.query';
import { ProjectLightDetailDto, ProjectLightPageDto } from './dto/project-light.response';
import { WarningLightsService } from './warning-lights.service';

@ApiTags('warning-lights')
@Controller('warning-lights')
export class WarningLightsController {
  constructor(private readonly lights: WarningLightsService) {}

  @Get('projects')
  @AllowApiKey('reports:read')
  @ApiDoc({
    summary: "Today's light of every project (cancelled ones left out), worst first",
    description: 'Red first, then yellow, then green; within a light, most working days late first, then plan order. Filters as GET /projects.',
    type: ProjectLightPageDto,
    errors: [400, 403],
  })
  list(@Query() query: ListProjectLightsQuery): Promise<ProjectLightPageDto> {
    return this.lights.list(query);
  }

  @Get('projects/:projectId')
  @AllowApiKey('reports:read')
  @ApiDoc({
    summary: "One project's light today, with each open milestone's light",
    type: ProjectLightDetailDto,
    errors: [400, 403, 404],
  })
  forProject(@Param('projectId', UuidParam('projectId')) projectId: string): Promise<ProjectLightDetailDto> {
    return this.lights.forProject(projectId);
  }
}

import { ApiProperty } from '@nestjs/swagger';

export class NodeStatisticsRow {
  @ApiProperty({ example: 'construction_permit' })
  code: string;

  @ApiProperty({ example: '施工许可' })
  name: string;

  @ApiProperty({ example: 10, description: 'Its position in the current version (nodes only older versions have come last)' })
  sortOrder: number;

  @ApiProperty()
  isKey: boolean;

  @ApiProperty({ example: 120, description: 'Projects with this node' })
  projects: number;

  @ApiProperty({ example: 80, description: '已办结: its milestone is done' })
  passed: number;

  @ApiProperty({ example: 12, description: '卡点: pending, every predecessor met (or cancelled), planned date before today' })
  stuck: number;

  @ApiProperty({ example: 20, description: '办理中: pending, every predecessor met, not yet past its planned date' })
  inProgress: number;

  @ApiProperty({ example: 0.6667, description: '手续办结率: passed ÷ projects (0–1, 4 decimals); 0 when no project has the node' })
  completionRate: number;

  @ApiProperty({ type: Number, nullable: true, example: 14.5, description: 'Median working days from the day it could start to its actual date, over the passed ones' })
  medianWorkingDays: number | null;
}

export class NodeStatisticsResponse {
  @ApiProperty({ format: 'uuid' })
  templateId: string;

  @ApiProperty({ example: '变电站/输变电工程标准节点' })
  templateName: string;

  @ApiProperty({ example: '2026-12-07', description: 'The day "stuck" is judged on (Asia/Shanghai)' })
  today: string;

  @ApiProperty({ example: 120, description: 'Projects created from the template that the filters keep (not cancelled)' })
  projectCount: number;

  @ApiProperty({ type: [NodeStatisticsRow] })
  nodes: NodeStatisticsRow[];
}

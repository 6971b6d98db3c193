import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ImportFieldChangeDto {
  @ApiProperty({ example: 'totalInvestment' }) field: string;
  @ApiProperty({ example: '总投资（万元）' }) header: string;
  @ApiProperty({ example: '12000', nullable: true, type: String }) before: string | null;
  @ApiProperty({ example: '12500.5', nullable: true, type: String }) after: string | null;
}

class ImportRowErrorDto {
  @ApiProperty({ example: '责任单位' }) header: string;
  @ApiProperty({ example: '不是本单位的项目：部门填报员只能导入本单位的项目' }) reason: string;
}

class ImportReportRowDto {
  @ApiProperty({ example: 3, description: 'Row number as Excel shows it' }) row: number;
  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'rejected'] }) action: string;
  @ApiProperty({ example: '专栏 8「玉泉变 220 千伏变电站工程」' }) key: string;
  @ApiPropertyOptional({ format: 'uuid' }) projectId?: string;
  @ApiPropertyOptional({ type: [ImportFieldChangeDto] }) changes?: ImportFieldChangeDto[];
  @ApiPropertyOptional({ type: [ImportRowErrorDto] }) errors?: ImportRowErrorDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true }, description: 'The row as read, by header' })
  values: Record<string, string | null>;
}

class ImportSummaryDto {
  @ApiProperty() rows: number;
  @ApiProperty() create: number;
  @ApiProperty() update: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
}

export class ImportResultDto {
  @ApiProperty({ format: 'uuid', description: 'The import; its audit rows carry it as importId' }) importId: string;
  @ApiProperty({ enum: ['projects', 'monthly-report'] }) kind: 'projects' | 'monthly-report';
  @ApiProperty({ enum: ['all-or-nothing', 'valid-rows'] }) mode: 'all-or-nothing' | 'valid-rows';
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'Whether the changes were written' }) applied: boolean;
  @ApiProperty({ example: '项目台账.xlsx' }) fileName: string;
  @ApiProperty({ type: ImportSummaryDto }) summary: ImportSummaryDto;
  @ApiProperty({ type: [ImportReportRowDto] }) rows: ImportReportRowDto[];
}

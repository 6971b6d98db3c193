import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { IsWanAmount, IsYearMonth } from '../../common/validators';

const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;

/** '45.5', 45.5 or '45.50' → '45.50'; null when it is not a percentage 0–100 with at most two decimals. */
export function normalizePercent(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (!PERCENT_PATTERN.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (hundredths > 10000) return null;
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

function IsPercent(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPercent',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a percentage 0–100 with at most two decimals, e.g. 45.5 or "45.50"', ...options },
      validator: { validate: (value: unknown) => normalizePercent(value) !== null },
    });
}

export class CreateProgressReportDto {
  @ApiProperty({ example: '2026-03', description: '填报月份 YYYY-MM (not after the current month)' })
  @IsYearMonth()
  period: string;

  @ApiProperty({ example: '主体结构施工至第12层，完成地下室防水工程。', description: '本期进展' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text: string;

  @ApiPropertyOptional({
    example: '45.5',
    oneOf: [{ type: 'number' }, { type: 'string' }],
    description: '形象进度 0–100 (at most two decimals); becomes the project’s percent complete',
  })
  @IsOptional()
  @IsPercent()
  percentComplete?: number | string;

  @ApiPropertyOptional({ example: '1200.5', default: '0', description: '本期完成投资 in 万元; added to the month’s completed investment' })
  @IsOptional()
  @IsWanAmount()
  investmentCompletedWan?: string;

  @ApiPropertyOptional({ example: '冬季停工影响外立面施工进度', description: '存在问题' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  problems?: string;

  @ApiPropertyOptional({ example: '需区自然资源局协调临时用地手续', description: '需协调事项' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  coordinationNeeds?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import type { ReminderRules } from '@app/domain';

export class ReminderRulesResponse {
  @ApiProperty({ example: [5, 3, 1], type: [Number], description: '到期前 n 个工作日提醒' })
  dueSoonOffsets: number[];

  @ApiProperty({ example: true, description: '到期当日提醒' })
  onDueDay: boolean;

  @ApiProperty({ example: 3, description: '逾期后每隔几个工作日催办一次' })
  overdueRepeatEvery: number;

  @ApiProperty({ example: 5, description: '逾期满几个工作日抄送包联领导 (E1)' })
  escalateLeadAfter: number;

  @ApiProperty({ example: 10, description: '逾期满几个工作日抄送督查室 (E2)' })
  escalateSupervisorAfter: number;

  @ApiProperty({ example: '08:30', description: '每个工作日发送时间 (Asia/Shanghai)' })
  sendAt: string;

  @ApiProperty({ example: 1, description: 'Send it back as If-Match with PUT' })
  version: number;

  @ApiProperty({ example: '2026-11-20T00:30:00.000Z' })
  updatedAt: string;

  static from(rules: ReminderRules): ReminderRulesResponse {
    return {
      dueSoonOffsets: [...rules.dueSoonOffsets].sort((a, b) => b - a),
      onDueDay: rules.onDueDay,
      overdueRepeatEvery: rules.overdueRepeatEvery,
      escalateLeadAfter: rules.escalateLeadAfter,
      escalateSupervisorAfter: rules.escalateSupervisorAfter,
      sendAt: rules.sendAt,
      version: rules.version,
      updatedAt: rules.updatedAt.toISOString(),
    };
  }
}

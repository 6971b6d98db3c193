import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { ProgressReport } from './progress-report.entity';

/**
 * 撤回: a progress report withdrawn, with who and why. Reports stay append-only
 * (their trigger refuses UPDATE and DELETE); the withdrawal is a row of its own,
 * so the report is still there to read with includeWithdrawn=true.
 */
@Entity('progress_report_withdrawals')
export class ProgressReportWithdrawal {
  @PrimaryColumn({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => ProgressReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<ProgressReport>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  withdrawnById: string;

  @Column({ type: 'text' })
  withdrawnByName: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  withdrawnAt: Date;
}

import { ApiProperty } from '@nestjs/swagger';
import { Department, DEPARTMENT_KINDS, DepartmentKind } from '@app/domain';
import { DEPARTMENT_KIND_LABELS } from '../department-kind-labels';

/** 责任单位 as the API shows it. */
export class DepartmentResponse {
  @ApiProperty({ format: 'uuid', example: '5b0c1f3e-8a51-4d7e-9d55-2f1f3c7f6a10' })
  id: string;

  @ApiProperty({ example: 'yq-fgw' })
  code: string;

  @ApiProperty({ example: '玉泉区发展和改革委员会' })
  name: string;

  @ApiProperty({ enum: DEPARTMENT_KINDS, example: 'department' })
  kind: DepartmentKind;

  @ApiProperty({ example: '部门', description: '部门 / 街道 / 镇' })
  kindLabel: string;

  @ApiProperty({ example: false, description: 'Added by the demo seed' })
  isDemo: boolean;

  @ApiProperty({ example: '2026-01-05T02:00:00.000Z' })
  createdAt: string;

  static from(department: Department): DepartmentResponse {
    return {
      id: department.id,
      code: department.code,
      name: department.name,
      kind: department.kind,
      kindLabel: DEPARTMENT_KIND_LABELS[department.kind],
      isDemo: department.isDemo,
      createdAt: department.createdAt.toISOString(),
    };
  }
}

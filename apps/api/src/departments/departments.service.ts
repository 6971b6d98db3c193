import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { violatedConstraint } from '@app/database';
import { Department } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { DepartmentErrors } from './department.errors';
import { CreateDepartmentDto } from './dto/create-department.dto';
import { DepartmentResponse } from './dto/department.response';
import { UpdateDepartmentDto } from './dto/update-department.dto';

const KIND_ORDER = `CASE department.kind WHEN 'department' THEN 0 WHEN 'subdistrict' THEN 1 ELSE 2 END`;

/** 责任单位: the departments, sub-districts and towns that own projects. Only admins change them. */
@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every department: departments first, then sub-districts, then towns, each by code. */
  async list(): Promise<DepartmentResponse[]> {
    const departments = await this.dataSource
      .getRepository(Department)
      .createQueryBuilder('department')
      .orderBy(KIND_ORDER, 'ASC')
      .addOrderBy('department.code', 'ASC')
      .getMany();
    return departments.map(DepartmentResponse.from);
  }

  async create(principal: Principal, input: CreateDepartmentDto): Promise<DepartmentResponse> {
    return this.dataSource.transaction(async (manager) => {
      const department = await this.saveRefusingDuplicates(manager, manager.create(Department, input));
      await this.audit.record(manager, principal, {
        action: 'create',
        entityType: 'department',
        entityId: department.id,
        after: DepartmentResponse.from(department),
      });
      return DepartmentResponse.from(department);
    });
  }

  async update(principal: Principal, id: string, changes: UpdateDepartmentDto): Promise<DepartmentResponse> {
    return this.dataSource.transaction(async (manager) => {
      const department = await manager.findOne(Department, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!department) throw Errors.notFound('department', id);
      const before = DepartmentResponse.from(department);
      const changed = (Object.keys(changes) as Array<keyof UpdateDepartmentDto>).filter(
        (field) => changes[field] !== undefined && changes[field] !== department[field],
      );
      if (changed.length === 0) return before;
      for (const field of changed) Object.assign(department, { [field]: changes[field] });
      const saved = await this.saveRefusingDuplicates(manager, department);
      await this.audit.record(manager, principal, {
        action: 'update',
        entityType: 'department',
        entityId: id,
        before,
        after: DepartmentResponse.from(saved),
      });
      return DepartmentResponse.from(saved);
    });
  }

  /** Saves, turning a clash on the unique code or name into a 409 that names the field. */
  private async saveRefusingDuplicates(manager: EntityManager, department: Department): Promise<Department> {
    try {
      return await manager.save(Department, department);
    } catch (error) {
      const constraint = violatedConstraint(error)?.constraint;
      if (constraint === 'uq_departments_code') {
        throw DepartmentErrors.codeTaken(department.code);
      }
      if (constraint === 'uq_departments_name') {
        throw DepartmentErrors.nameTaken(department.name);
      }
      throw error;
    }
  }
}

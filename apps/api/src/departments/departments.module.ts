import { Module } from '@nestjs/common';

// Placeholder: this feature is being built; its controllers and services register here.
@Module({})
export class DepartmentsModule {}

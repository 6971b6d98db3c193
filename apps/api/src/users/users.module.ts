import { Module } from '@nestjs/common';
import { UserAccessModule } from './user-access.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** User accounts, managed by admins. */
@Module({
  imports: [UserAccessModule],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}

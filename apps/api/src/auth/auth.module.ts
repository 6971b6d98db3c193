import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { User } from '@app/domain';
import { accessTokenOptions } from './access-token';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { RequestRateLimit } from './request-rate-limit';
import { SignInAudit } from './sign-in-audit';
import { UserAccessModule } from '../users/user-access.module';

/** Sign-in (JWT sessions: Bearer or browser cookie) and API keys; the guard protects every route of the API. */
@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    UserAccessModule,
    JwtModule.registerAsync({
      global: true,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => accessTokenOptions(config.JWT_SECRET!, config.JWT_TTL_SECONDS),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, SignInAudit, RequestRateLimit, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}

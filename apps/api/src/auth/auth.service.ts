import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { compare } from 'bcryptjs';
import { Repository } from 'typeorm';
import { AppConfig } from '@app/config';
import { User } from '@app/domain';
import { AppError } from '../common/app-error';
import type { AccessTokenClaims } from './access-token';
import { LoginDto, LoginResponseDto } from './dto/login.dto';

// Compared against when the username is unknown, so both paths cost the same.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8vY3e7Zq7bq0N3bPp5J1m0dV0x1y2a';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login({ username, password }: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .getOne();
    const passwordMatches = await compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordMatches || !user.isActive) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
    }
    const claims: AccessTokenClaims = { sub: user.id, username: user.username, role: user.role, departmentId: user.departmentId };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId },
    };
  }
}

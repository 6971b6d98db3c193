import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import type { Principal } from '../auth/principal';
import {
  BULL_BOARD_PATH,
  BULL_BOARD_SESSION_SECONDS,
  type BullBoardSessionClaims,
  bullBoardSessionCookie,
  bullBoardSessionSecret,
} from './bull-board-session';
import type { BullBoardSessionResponse } from './dto/failed-job.response';

/** Issues the short-lived Bull Board cookie for a signed-in admin (the route only lets admins in). */
@Injectable()
export class BullBoardSessionService {
  private readonly secret: string;

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.secret = bullBoardSessionSecret(config.JWT_SECRET!);
  }

  async open(principal: Principal, secure: boolean): Promise<{ cookie: string; response: BullBoardSessionResponse }> {
    const claims: BullBoardSessionClaims = { sub: principal.id, purpose: 'bull-board' };
    const token = await this.jwt.signAsync(claims, { secret: this.secret, expiresIn: BULL_BOARD_SESSION_SECONDS });
    return {
      cookie: bullBoardSessionCookie(token, secure),
      response: {
        boardUrl: BULL_BOARD_PATH,
        expiresAt: new Date(this.clock.now().getTime() + BULL_BOARD_SESSION_SECONDS * 1000).toISOString(),
      },
    };
  }
}

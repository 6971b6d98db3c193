import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiDoc } from '../common/api-doc.decorator';
import { CurrentPrincipal, Public } from './auth.decorators';
import { AuthService, ClientInfo } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { MeResponse, SessionResponse } from './dto/me.response';
import type { Principal } from './principal';
import { clearSessionCookies, CSRF_COOKIE, SESSION_COOKIE, setSessionCookies } from './session-cookies';

const clientOf = (request: FastifyRequest): ClientInfo => ({
  address: request.ip,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  requestId: String(request.id),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Sign in (API clients); returns a JWT for Authorization: Bearer',
    description: 'Browsers use POST /auth/session instead: the token then stays in an HttpOnly cookie.',
    type: LoginResponseDto,
    public: true,
    errors: [401],
  })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponseDto> {
    return this.auth.login(body, clientOf(request));
  }

  @Public()
  @Post('session')
  @HttpCode(200)
  // Above ApiDoc so that it is applied last: the 200 keeps its Set-Cookie header.
  @ApiResponse({
    status: 200,
    description: 'Signed in',
    type: SessionResponse,
    headers: { 'Set-Cookie': { description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Strict; Path=/ and ${CSRF_COOKIE}=…; SameSite=Strict; Path=/`, schema: { type: 'string' } } },
  })
  @ApiDoc({
    summary: 'Sign in (browser): sets the session cookie kpt_session and the CSRF cookie kpt_csrf',
    description:
      `Sets \`${SESSION_COOKIE}=<token>\` (HttpOnly; SameSite=Strict; Path=/; Secure over https) and \`${CSRF_COOKIE}=<random>\` ` +
      '(readable by the page; SameSite=Strict; Path=/). Later requests authenticate with the cookie; every write ' +
      '(POST/PUT/PATCH/DELETE) must send the header `X-CSRF-Token` equal to the kpt_csrf cookie, else 403 CSRF_TOKEN_INVALID. ' +
      'The body never contains the token.',
    type: SessionResponse,
    public: true,
    errors: [401],
  })
  async openSession(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    const session = await this.auth.openSession(body, clientOf(request));
    setSessionCookies(reply, request, session.token, session.csrfToken, session.maxAgeSeconds);
    return session.body;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Sign out: ends this session (Bearer token or cookie) and clears both cookies',
    description: 'With the cookie, send X-CSRF-Token like every write. A token of an ended session is refused with 401 SESSION_REVOKED.',
    status: 204,
  })
  @ApiHeader({ name: 'X-CSRF-Token', required: false, description: 'Required when signed in with the session cookie: the value of the kpt_csrf cookie' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(principal);
    clearSessionCookies(reply, request);
  }

  @Post('password')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Change my own password (the current one required); ends my other sessions, this one stays',
    description:
      'The new password follows the rule of POST /users (at least 12 characters, not the username, not a common password). ' +
      'A wrong current password: 400 CURRENT_PASSWORD_WRONG (field currentPassword), counted like a failed sign-in (429 with Retry-After after too many). ' +
      'API keys: 403. With the cookie, send X-CSRF-Token like every write.',
    status: 204,
  })
  @ApiHeader({ name: 'X-CSRF-Token', required: false, description: 'Required when signed in with the session cookie: the value of the kpt_csrf cookie' })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto, @Req() request: FastifyRequest): Promise<void> {
    return this.auth.changePassword(principal, body, clientOf(request));
  }

  @Get('me')
  @ApiDoc({
    summary: 'Who the current credentials belong to (Bearer token, API key or session cookie)',
    description: 'An expired or ended session answers 401 with code SESSION_EXPIRED or SESSION_REVOKED (and clears the cookies).',
    type: MeResponse,
  })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal);
  }
}

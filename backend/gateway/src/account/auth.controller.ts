import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthResponse,
  AuthRpc,
  AuthTokens,
  ErrorCode,
  RefreshTokenTransport,
  SessionView,
  UserDto,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth, OptionalJwtAuthGuard } from '../auth/auth.guards';
import { SessionValidator } from '../auth/session-validator';
import { Ctx } from '../http/request-context.decorator';
import {
  AuthTokensResponseDto,
  LoginDto,
  LogoutDto,
  LogoutResponseDto,
  RefreshDto,
  RegisterDto,
  SessionViewDto,
  UserResponseDto,
} from './account.dto';
import { ApiAuthErrors, ApiErrors } from './api-errors';
import { clientInfo } from './client-info';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';

/** Documents the refresh cookie of browser sign-ins. */
const SET_COOKIE_DOC = {
  'Set-Cookie': {
    description:
      'With refreshTokenIn "cookie" (or a refresh by sessionId): shop_refresh_<sessionId>=<refresh token>; ' +
      'Path=/api/auth; HttpOnly; SameSite=Strict; Secure over HTTPS',
    schema: { type: 'string' },
  },
};

/** The answer of register, login and refresh: the refresh token in the body, or only in the cookie. */
function deliver(
  tokens: AuthTokens,
  transport: RefreshTokenTransport | undefined,
  req: FastifyRequest,
  reply: FastifyReply,
): AuthResponse {
  if (transport !== 'cookie') return tokens;
  setRefreshCookie(req, reply, tokens);
  const { refreshToken: _inCookie, ...rest } = tokens;
  return rest;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly sessions: SessionValidator,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create a customer account and sign in' })
  @ApiCreatedResponse({ type: AuthTokensResponseDto, headers: SET_COOKIE_DOC })
  @ApiAuthErrors(ApiErrors.badRequest(), ApiErrors.conflict('An account with this email already exists'))
  async register(
    @Body() body: RegisterDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthResponse> {
    const { refreshTokenIn, ...credentials } = body;
    const tokens = await this.rpc.call(AuthRpc.register, { ...credentials, ...clientInfo(req) }, ctx);
    return deliver(tokens, refreshTokenIn, req, reply);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; throttled per account and per client address' })
  @ApiOkResponse({ type: AuthTokensResponseDto, headers: SET_COOKIE_DOC })
  @ApiAuthErrors(
    ApiErrors.badRequest(),
    ApiErrors.unauthorized('Invalid email or password (never says which)'),
    ApiErrors.throttled(),
  )
  async login(
    @Body() body: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthResponse> {
    const { refreshTokenIn, ...credentials } = body;
    const tokens = await this.rpc.call(AuthRpc.login, { ...credentials, ...clientInfo(req) }, ctx);
    return deliver(tokens, refreshTokenIn, req, reply);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
    description:
      'API clients send `{ "refreshToken": "…" }` and get the next refresh token in the answer. Browsers send ' +
      '`{ "sessionId": "…" }` with the session\'s httpOnly cookie `shop_refresh_<sessionId>` (set by login or ' +
      'register with `refreshTokenIn: "cookie"`); the next refresh token replaces the cookie and is not in ' +
      'the answer. A refused cookie is cleared.',
  })
  @ApiOkResponse({ type: AuthTokensResponseDto, headers: SET_COOKIE_DOC })
  @ApiAuthErrors(
    ApiErrors.badRequest(),
    ApiErrors.unauthorized(
      'Unknown, expired or already used refresh token (reuse ends the session), or no refresh cookie',
    ),
  )
  async refresh(
    @Body() body: RefreshDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthResponse> {
    if (body.refreshToken !== undefined) {
      if (body.sessionId !== undefined)
        throw AppError.badRequest('Send refreshToken (API clients) or sessionId (browsers), not both');
      const tokens = await this.rpc.call(
        AuthRpc.refresh,
        { refreshToken: body.refreshToken, ...clientInfo(req) },
        ctx,
      );
      return deliver(tokens, 'body', req, reply);
    }
    const sessionId = body.sessionId!;
    const refreshToken = readRefreshCookie(req, sessionId);
    if (!refreshToken)
      throw AppError.unauthorized(`No refresh cookie for session ${sessionId}: sign in again`);
    try {
      const tokens = await this.rpc.call(AuthRpc.refresh, { refreshToken, ...clientInfo(req) }, ctx);
      return deliver(tokens, 'cookie', req, reply);
    } catch (err) {
      // A refused cookie (expired, revoked, reused) is of no further use to the browser.
      if (err instanceof AppError && err.code === ErrorCode.Unauthorized)
        clearRefreshCookie(req, reply, sessionId);
      throw err;
    }
  }

  @Post('logout')
  @HttpCode(200)
  @UseGuards(OptionalJwtAuthGuard)
  @ApiBearerAuth()
  @ApiSecurity({})
  @ApiOperation({
    summary: 'End a session on every instance; its access tokens stop working at once',
    description:
      'With a valid access token: its session. Without one (e.g. it expired), a browser names its session ' +
      'in `{ "sessionId": "…" }` and the session\'s refresh cookie proves it may end it. The refresh cookie ' +
      'of the session is cleared either way.',
  })
  @ApiOkResponse({ type: LogoutResponseDto })
  @ApiAuthErrors(
    ApiErrors.badRequest(),
    ApiErrors.unauthorized('Neither a valid access token nor the refresh cookie'),
  )
  async logout(
    @Body() body: LogoutDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<{ revoked: boolean }> {
    const claims = req.user;
    if (claims) {
      clearRefreshCookie(req, reply, claims.sid);
      return this.rpc.call(AuthRpc.logout, { sessionId: claims.sid }, ctx);
    }
    const sessionId = body?.sessionId;
    const refreshToken = sessionId === undefined ? undefined : readRefreshCookie(req, sessionId);
    if (!sessionId || !refreshToken)
      throw AppError.unauthorized(
        'Authentication required: send a valid access token, or the sessionId whose refresh cookie you hold',
      );
    clearRefreshCookie(req, reply, sessionId);
    return this.rpc.call(AuthRpc.logout, { sessionId, refreshToken }, ctx);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiAuthErrors(ApiErrors.notFound('The account no longer exists'))
  me(@Ctx() ctx: RequestContext): Promise<UserDto> {
    return this.rpc.call(AuthRpc.me, {}, ctx);
  }

  @Get('session')
  @UseGuards(OptionalJwtAuthGuard)
  @ApiBearerAuth()
  @ApiSecurity({})
  @ApiOperation({
    summary: 'The current session: the user session for a valid token, a guest session without one',
    description:
      'Anonymous requests are allowed; an invalid, expired or revoked token also gives a guest session.',
  })
  @ApiOkResponse({ type: SessionViewDto })
  @ApiAuthErrors()
  async session(@Req() req: FastifyRequest, @Ctx() ctx: RequestContext): Promise<SessionView> {
    const claims = req.user;
    if (!claims) return { kind: 'guest' };
    const session = await this.sessions.check(claims.sid, ctx);
    if (!session.valid) return { kind: 'guest' };
    return { kind: 'user', sessionId: session.sessionId, expiresAt: session.expiresAt, user: session.user };
  }
}

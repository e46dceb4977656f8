import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccessTokenClaims, AuthRpc, AuthTokens, SessionView, UserDto } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth, OptionalJwtAuthGuard } from '../auth/auth.guards';
import { SessionValidator } from '../auth/session-validator';
import { Ctx } from '../http/request-context.decorator';
import {
  AuthTokensResponseDto,
  LoginDto,
  LogoutResponseDto,
  RefreshDto,
  RegisterDto,
  SessionViewDto,
  UserResponseDto,
} from './account.dto';
import { ApiAuthErrors, ApiErrors } from './api-errors';
import { clientInfo } from './client-info';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly sessions: SessionValidator,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create a customer account and sign in' })
  @ApiCreatedResponse({ type: AuthTokensResponseDto })
  @ApiAuthErrors(ApiErrors.badRequest(), ApiErrors.conflict('An account with this email already exists'))
  register(
    @Body() body: RegisterDto,
    @Req() req: FastifyRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthTokens> {
    return this.rpc.call(AuthRpc.register, { ...body, ...clientInfo(req) }, ctx);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; throttled per account and per client address' })
  @ApiOkResponse({ type: AuthTokensResponseDto })
  @ApiAuthErrors(
    ApiErrors.badRequest(),
    ApiErrors.unauthorized('Invalid email or password (never says which)'),
    ApiErrors.throttled(),
  )
  login(@Body() body: LoginDto, @Req() req: FastifyRequest, @Ctx() ctx: RequestContext): Promise<AuthTokens> {
    return this.rpc.call(AuthRpc.login, { ...body, ...clientInfo(req) }, ctx);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)' })
  @ApiOkResponse({ type: AuthTokensResponseDto })
  @ApiAuthErrors(
    ApiErrors.badRequest(),
    ApiErrors.unauthorized('Unknown, expired or already used refresh token (reuse ends the session)'),
  )
  refresh(
    @Body() body: RefreshDto,
    @Req() req: FastifyRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthTokens> {
    return this.rpc.call(AuthRpc.refresh, { ...body, ...clientInfo(req) }, ctx);
  }

  @Post('logout')
  @HttpCode(200)
  @Auth()
  @ApiOperation({ summary: 'End this session on every instance; its access tokens stop working at once' })
  @ApiOkResponse({ type: LogoutResponseDto })
  @ApiAuthErrors()
  logout(@Req() req: FastifyRequest, @Ctx() ctx: RequestContext): Promise<{ revoked: boolean }> {
    const claims = req.user as AccessTokenClaims;
    return this.rpc.call(AuthRpc.logout, { sessionId: claims.sid }, ctx);
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

import { Injectable } from '@nestjs/common';
import {
  AuthRpc,
  AuthTokens,
  ListUsersRequest,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  RegisterRequest,
  SessionValidation,
  SetTierRequest,
  TestShoppersRequest,
  UserDto,
  UserPage,
  ValidateSessionRequest,
} from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcHandler } from '@shop/messaging';
import { SessionsService } from '../sessions/sessions.service';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

/** What `@RpcHandler` accepts as a handler's result (its descriptor type wants exactly this union). */
type Reply<T> = Promise<T> | T;

/** The NATS face of the auth service: maps each contract method to a service call. */
@Injectable()
export class AuthNatsController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  @RpcHandler(AuthRpc.register)
  register(req: RegisterRequest, ctx: RequestContext): Reply<AuthTokens> {
    return this.auth.register(ctx, req);
  }

  @RpcHandler(AuthRpc.login)
  login(req: LoginRequest, ctx: RequestContext): Reply<AuthTokens> {
    return this.auth.login(ctx, req);
  }

  @RpcHandler(AuthRpc.refresh)
  refresh(req: RefreshRequest, ctx: RequestContext): Reply<AuthTokens> {
    return this.auth.refresh(ctx, req);
  }

  @RpcHandler(AuthRpc.logout)
  logout(req: LogoutRequest, ctx: RequestContext): Reply<{ revoked: boolean }> {
    return this.auth.logout(ctx, req);
  }

  @RpcHandler(AuthRpc.me)
  me(_req: Record<string, never>, ctx: RequestContext): Reply<UserDto> {
    return this.users.me(ctx);
  }

  @RpcHandler(AuthRpc.validateSession)
  validateSession(req: ValidateSessionRequest, _ctx: RequestContext): Reply<SessionValidation> {
    return this.sessions.validate(String(req?.sessionId ?? ''));
  }

  @RpcHandler(AuthRpc.listUsers)
  listUsers(req: ListUsersRequest, ctx: RequestContext): Reply<UserPage> {
    return this.users.list(ctx, req ?? {});
  }

  @RpcHandler(AuthRpc.setTier)
  setTier(req: SetTierRequest, ctx: RequestContext): Reply<UserDto> {
    return this.users.setTier(ctx, String(req?.userId), req?.tier);
  }

  @RpcHandler(AuthRpc.testShoppers)
  testShoppers(req: TestShoppersRequest, ctx: RequestContext): Reply<UserDto[]> {
    return this.users.testShoppers(ctx, req);
  }

  @RpcHandler(AuthRpc.testShopperSessions)
  testShopperSessions(req: TestShoppersRequest, ctx: RequestContext): Reply<AuthTokens[]> {
    return this.auth.testShopperSessions(ctx, req);
  }
}

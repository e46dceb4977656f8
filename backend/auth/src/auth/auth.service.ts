import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  AuthTokens,
  ClientInfo,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  RegisterRequest,
  TestShoppersRequest,
  UserDto,
  describePasswordProblems,
} from '@shop/contracts';
import { AppError, AppLogger, RequestContext } from '@shop/common';
import { AuthEnv } from '../config/auth.env';
import { isUniqueViolation } from '../db/unique-violation';
import { AccessTokenIssuer } from '../sessions/access-tokens';
import { SessionsService } from '../sessions/sessions.service';
import { LoginThrottleService, tooManyAttempts } from '../throttle/login-throttle.service';
import { UserEntity } from '../users/user.entity';
import { normalizeEmail, toUserDto } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { requireUserId } from './caller';
import { hashPassword, spendPasswordCheck, verifyPassword } from './passwords';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The one answer to every failed login: it never tells whether the email exists. */
const INVALID_CREDENTIALS = 'Invalid email or password';

/** Registration, login, refresh and logout: the session lifecycle. */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly userRepo: Repository<UserEntity>,
    private readonly config: ConfigService<AuthEnv, true>,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly tokens: AccessTokenIssuer,
    private readonly logger: AppLogger,
  ) {}

  async register(ctx: RequestContext, req: RegisterRequest): Promise<AuthTokens> {
    const email = normalizeEmail(String(req.email ?? ''));
    const password = String(req.password ?? '');
    const problems = [
      !EMAIL.test(email) || email.length > 254 ? 'email must be a valid email address' : undefined,
      describePasswordProblems(password),
    ].filter(Boolean);
    if (problems.length) throw AppError.badRequest(problems.join('; '));

    // Cheap early answer for the common case; the unique index below still settles concurrent races.
    if (await this.users.findByEmail(email)) throw emailTaken();
    const passwordHash = await hashPassword(password, this.bcryptCost);
    let user: UserEntity;
    try {
      user = await this.userRepo.save(
        this.userRepo.create({ email, passwordHash, role: 'customer', tier: 'normal' }),
      );
    } catch (err) {
      // The unique index on lower(email) settles concurrent registrations: exactly one row wins.
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
    this.audit(ctx, `Registered ${email}`, { userId: user.id, clientIp: req.clientIp });
    return this.openSession(toUserDto(user), req);
  }

  async login(ctx: RequestContext, req: LoginRequest): Promise<AuthTokens> {
    const email = normalizeEmail(String(req.email ?? ''));
    const password = String(req.password ?? '');
    if (!email || !password) throw AppError.badRequest('email and password are required');
    const attempt = await this.throttle.begin(email, req.clientIp);

    const user = await this.users.findByEmail(email);
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await spendPasswordCheck(password, this.bcryptCost);
    if (!user || !ok) {
      const locked = attempt.lockoutOnFailure;
      this.audit(ctx, `Failed sign-in for ${email}`, { clientIp: req.clientIp, lockedForSeconds: locked });
      if (locked) throw tooManyAttempts(locked);
      throw AppError.unauthorized(INVALID_CREDENTIALS);
    }
    await this.throttle.succeeded(attempt);
    this.audit(ctx, `Signed in ${email}`, { userId: user.id, clientIp: req.clientIp });
    return this.openSession(toUserDto(user), req);
  }

  async refresh(ctx: RequestContext, req: RefreshRequest): Promise<AuthTokens> {
    if (typeof req.refreshToken !== 'string' || !req.refreshToken)
      throw AppError.badRequest('refreshToken is required');
    const session = await this.sessions.rotate(req.refreshToken, req, ctx);
    const user = await this.users.get(ctx, session.userId);
    return this.tokens.issue(user, session.sessionId, session.refreshToken, session.expiresAt);
  }

  /**
   * Ends the caller's own session, or the session whose current refresh token is given (a sign-out whose
   * access token has expired); every gateway and auth instance hears of it at once.
   */
  async logout(ctx: RequestContext, req: LogoutRequest): Promise<{ revoked: boolean }> {
    const sessionId = String(req?.sessionId ?? '');
    if (typeof req?.refreshToken === 'string') {
      const revoked = await this.sessions.revokeByRefreshToken(sessionId, req.refreshToken, ctx);
      if (revoked) this.audit(ctx, `Signed out session ${sessionId} with its refresh token`, {});
      return { revoked };
    }
    const userId = requireUserId(ctx);
    const revoked = await this.sessions.revoke(sessionId, userId, 'logout', ctx);
    if (revoked) this.audit(ctx, `Signed out session ${sessionId}`, { userId });
    return { revoked };
  }

  /**
   * A new session for each of the first `count` test shoppers of the tier (admins only; the users service
   * checks the role and the count, and creates missing shoppers). Test shoppers have no password, so this is
   * the only way to act as one through the REST API: chaos mode drives them with these sessions.
   */
  async testShopperSessions(ctx: RequestContext, req: TestShoppersRequest): Promise<AuthTokens[]> {
    const shoppers = await this.users.testShoppers(ctx, req);
    const sessions = await Promise.all(shoppers.map((user) => this.openSession(user, {})));
    this.audit(ctx, `Opened sessions for ${sessions.length} ${req.tier} test shopper(s)`, {
      userId: ctx.caller?.userId,
    });
    return sessions;
  }

  private get bcryptCost(): number {
    return this.config.get('BCRYPT_COST', { infer: true });
  }

  /** Account events go to the centralized log (never with a password or token). */
  private audit(ctx: RequestContext, message: string, data: Record<string, unknown>): void {
    this.logger.write('info', message, { correlationId: ctx.correlationId, context: 'Auth', data });
  }

  private async openSession(user: UserDto, req: ClientInfo): Promise<AuthTokens> {
    const session = await this.sessions.open(user.id, req);
    return this.tokens.issue(user, session.sessionId, session.refreshToken, session.expiresAt);
  }
}

function emailTaken(): AppError {
  return AppError.conflict('An account with this email already exists');
}

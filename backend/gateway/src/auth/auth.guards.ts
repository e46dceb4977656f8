import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccessTokenClaims, UserRole } from '@shop/contracts';
import { AppError } from '@shop/common';

const ROLES = Symbol('ROLES');

/** Requires a valid access token. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    // A refused session (401) or an unreachable auth service (503) keeps its own code and message.
    if (err instanceof AppError) throw err;
    if (err || !user) {
      const reason = info instanceof Error ? info.message : 'no bearer token';
      throw AppError.unauthorized(`Authentication required (${reason})`);
    }
    return user;
  }
}

/**
 * Accepts anonymous requests; when a valid token is present, `req.user` is set. A token that is not valid
 * (expired, forged, revoked) counts as no token: for routes whose answer to a guest is the right answer.
 */
@Injectable()
export class OptionalJwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(_err: unknown, user: T): T {
    return user;
  }
}

/**
 * Accepts anonymous requests, but a token that comes with a request must be valid (else 401, as on
 * `@Auth()` routes): a client whose token expired learns it instead of silently getting the guest answer.
 */
@Injectable()
export class JwtIfPresentGuard extends JwtAuthGuard {
  override canActivate(context: ExecutionContext) {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const query = req.query as Record<string, unknown> | null;
    if (req.headers.authorization === undefined && query?.access_token === undefined) return true;
    return super.canActivate(context);
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: AccessTokenClaims }>().user;
    if (!user || !roles.includes(user.role))
      throw AppError.forbidden(`This action requires the ${roles.join(' or ')} role`);
    return true;
  }
}

/**
 * Anonymous callers are served; a token, when sent, must be valid and sets `req.user` (the route decides
 * what each caller sees). Documented as optional security (`{}` beside the bearer scheme).
 */
export function AuthIfPresent() {
  return applyDecorators(
    UseGuards(JwtIfPresentGuard),
    ApiBearerAuth(),
    ApiSecurity({}),
    ApiUnauthorizedResponse({ description: 'A token was sent and it is invalid, expired or revoked' }),
  );
}

/** Requires a signed-in user, optionally with one of `roles`, and documents it in Swagger. */
export function Auth(...roles: UserRole[]) {
  return applyDecorators(
    SetMetadata(ROLES, roles),
    UseGuards(JwtAuthGuard, RolesGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token' }),
    ...(roles.length ? [ApiForbiddenResponse({ description: `Requires role: ${roles.join(', ')}` })] : []),
  );
}

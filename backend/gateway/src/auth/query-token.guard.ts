import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@shop/common';
import { EVENT_STREAM } from '../http/event-stream.decorator';

/**
 * A token in a URL ends up in browser history, proxies' logs and Referer headers, so `?access_token=` is
 * accepted on event-stream routes only (EventSource cannot send headers). On any other route it is refused
 * with 401, whether or not the route needs a token, so a client that sends it there learns at once. Runs as
 * a global guard, before the routes' own guards and the JWT strategy that reads the parameter.
 */
@Injectable()
export class QueryTokenGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const query = context.switchToHttp().getRequest<FastifyRequest>().query as Record<string, unknown> | null;
    if (query?.access_token === undefined) return true;
    if (this.reflector.get<boolean | undefined>(EVENT_STREAM, context.getHandler())) return true;
    throw AppError.unauthorized(
      'access_token in the query string is accepted on event streams only: send the token as "Authorization: Bearer <token>"',
    );
  }
}

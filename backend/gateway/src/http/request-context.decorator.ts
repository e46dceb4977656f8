import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccessTokenClaims } from '@shop/contracts';
import { Caller, RequestContext } from '@shop/common';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the passport guards when a valid access token came with the request. */
    user?: AccessTokenClaims;
    /** When the request must be answered (epoch ms), set on arrival (see installRequestDeadline). */
    deadline: number;
  }
}

/**
 * Gives every request its deadline on arrival: `budgetMs` (GATEWAY_REQUEST_TIMEOUT_MS) from now. The time the
 * guards take (the session check) is inside the budget, not added to it.
 */
export function installRequestDeadline(fastify: FastifyInstance, budgetMs: number): void {
  fastify.decorateRequest('deadline', 0);
  fastify.addHook('onRequest', (req, _reply, done) => {
    req.deadline = Date.now() + budgetMs;
    done();
  });
}

/** One object for every anonymous request. */
const ANONYMOUS: Caller = Object.freeze({ service: 'gateway' });

function callerFor(user: AccessTokenClaims | undefined): Caller {
  return user
    ? { userId: user.sub, email: user.email, role: user.role, tier: user.tier, service: 'gateway' }
    : ANONYMOUS;
}

/** The request context of an HTTP request: correlation id, signed-in user, deadline, idempotency key. */
export function contextFromRequest(req: FastifyRequest): RequestContext {
  const key = req.headers['idempotency-key'];
  return {
    // Fastify's request id is the correlation id (see correlation.hooks.ts).
    correlationId: req.id,
    caller: callerFor(req.user),
    deadline: req.deadline,
    idempotencyKey: typeof key === 'string' && key ? key : undefined,
  };
}

/** The route's request context (see contextFromRequest). */
export const Ctx = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext =>
  contextFromRequest(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccessTokenClaims } from '@shop/contracts';
import { Caller, RequestContext, envInt } from '@shop/common';

const REQUEST_BUDGET_MS = envInt('GATEWAY_REQUEST_TIMEOUT_MS', 10_000);

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the passport guards when a valid access token came with the request. */
    user?: AccessTokenClaims;
  }
}

/** One object for every anonymous request, so the RPC client encodes it once (see contextToHeaders). */
const ANONYMOUS: Caller = Object.freeze({ service: 'gateway' });

function callerFor(user: AccessTokenClaims | undefined): Caller {
  return user
    ? { userId: user.sub, email: user.email, role: user.role, tier: user.tier, service: 'gateway' }
    : ANONYMOUS;
}

/** Builds the request context from the HTTP request: correlation id, signed-in user, deadline, idempotency key. */
export function contextFromRequest(req: FastifyRequest): RequestContext {
  const key = req.headers['idempotency-key'];
  return {
    // Fastify's request id is the correlation id (see correlation.hooks.ts).
    correlationId: req.id,
    caller: callerFor(req.user),
    deadline: Date.now() + REQUEST_BUDGET_MS,
    idempotencyKey: typeof key === 'string' && key ? key : undefined,
  };
}

export const Ctx = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext =>
  contextFromRequest(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/**
 * Builds the request context from the HTTP request: correlation id, signed-in user, deadline (counted from
 * `arrivedAt`), idempotency key.
 */
export function contextFromRequest(req: FastifyRequest, arrivedAt = Date.now()): RequestContext {
  const key = req.headers['idempotency-key'];
  return {
    // Fastify's request id is the correlation id (see correlation.hooks.ts).
    correlationId: req.id,
    caller: callerFor(req.user),
    deadline: arrivedAt + REQUEST_BUDGET_MS,
    idempotencyKey: typeof key === 'string' && key ? key : undefined,
  };
}

/**
 * The route's request context. Its deadline counts from the request's arrival (Fastify's reply clock), so the
 * time the guards took (the session check) is inside GATEWAY_REQUEST_TIMEOUT_MS, not added to it.
 */
export const Ctx = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext => {
  const http = ctx.switchToHttp();
  const elapsed = Number(http.getResponse<FastifyReply | undefined>()?.elapsedTime) || 0;
  return contextFromRequest(http.getRequest<FastifyRequest>(), Date.now() - elapsed);
});

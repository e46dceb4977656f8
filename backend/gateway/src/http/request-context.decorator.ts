import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { AccessTokenClaims } from '@shop/contracts';
import { RequestContext, envInt, newCorrelationId } from '@shop/common';

const REQUEST_BUDGET_MS = envInt('GATEWAY_REQUEST_TIMEOUT_MS', 10_000);

/** Builds the request context from the HTTP request: correlation id, signed-in user, deadline, idempotency key. */
export function contextFromRequest(req: Request): RequestContext {
  const user = req.user as AccessTokenClaims | undefined;
  const key = req.header('idempotency-key');
  return {
    correlationId: req.correlationId ?? newCorrelationId(),
    caller: user
      ? { userId: user.sub, email: user.email, role: user.role, tier: user.tier, service: 'gateway' }
      : { service: 'gateway' },
    deadline: Date.now() + REQUEST_BUDGET_MS,
    idempotencyKey: key || undefined,
  };
}

export const Ctx = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext =>
  contextFromRequest(ctx.switchToHttp().getRequest<Request>()),
);

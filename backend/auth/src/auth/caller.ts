import { AppError, RequestContext } from '@shop/common';

/** The signed-in user making the request, or UNAUTHORIZED. */
export function requireUserId(ctx: RequestContext): string {
  const userId = ctx.caller?.userId;
  if (!userId) throw AppError.unauthorized('This action requires a signed-in user');
  return userId;
}

/** Refuses a caller without the admin role. */
export function requireAdmin(ctx: RequestContext): void {
  requireUserId(ctx);
  if (ctx.caller?.role !== 'admin') throw AppError.forbidden('This action requires the admin role');
}

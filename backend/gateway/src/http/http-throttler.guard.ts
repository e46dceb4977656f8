import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Rate limiting applies to HTTP requests only: NATS traffic between services must never share its budget. */
@Injectable()
export class HttpThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || super.shouldSkip(context);
  }

  /**
   * Same key as the library's (route, throttler, client) without its SHA-256: the counters live in this
   * process's memory (FixedWindowThrottlerStorage), where a short key buys nothing and hashing on every
   * request showed in the gateway's CPU profile.
   */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${context.getClass().name}.${context.getHandler().name}\u0000${name}\u0000${tracker}`;
  }
}

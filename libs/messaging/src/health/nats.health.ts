import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MessagingRuntime } from '../messaging-runtime';

/** NATS readiness: the connection is open and a round trip to the server completes within 1 s. */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'nats') {
    const indicator = this.health.check(key);
    const nc = this.runtime.nc;
    if (nc.isClosed()) return indicator.down({ message: 'connection closed' });
    try {
      const rtt = await Promise.race([
        nc.rtt(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 1 s')), 1000)),
      ]);
      return indicator.up({ rttMs: Math.round(rtt * 100) / 100, server: nc.getServer() });
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}

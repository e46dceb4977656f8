import { Injectable, inject, signal } from '@angular/core';
import type { ChaosStatus } from '@shop/contracts';
import { AuthApi, EVENT_SOURCE_FACTORY, SharedEventStream, parseEvent, withAccessToken } from '@shop/web';

export const CHAOS_STREAM_URL = '/api/admin/chaos/stream';

function isStatus(value: unknown): value is ChaosStatus {
  const v = value as Partial<ChaosStatus> | null;
  return typeof v === 'object' && v !== null && 'run' in v && (v.run === null || typeof v.run === 'object');
}

function isUnavailable(value: unknown): value is { statusCode: number; message: string } {
  const v = value as { statusCode?: unknown; message?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.message === 'string';
}

/**
 * The current or last chaos run from `GET /api/admin/chaos/stream` (server-sent events, one a second), and
 * why it cannot be read when the supervisor does not answer (the cluster is not run by it).
 */
@Injectable({ providedIn: 'root' })
export class ChaosStream {
  private readonly auth = inject(AuthApi);

  readonly status = signal<ChaosStatus | undefined>(undefined);
  readonly unavailable = signal<string | undefined>(undefined);

  private readonly stream = new SharedEventStream({
    open: inject(EVENT_SOURCE_FACTORY),
    prepare: (connect, giveUp) => {
      this.auth.freshAccessToken().subscribe({
        next: (token) => connect(withAccessToken(CHAOS_STREAM_URL, token)),
        error: giveUp,
      });
    },
    handlers: {
      chaos: (data) => {
        const status = parseEvent(data, isStatus);
        if (!status) return;
        this.status.set(status);
        this.unavailable.set(undefined);
      },
      'chaos-unavailable': (data) => this.unavailable.set(parseEvent(data, isUnavailable)?.message),
    },
    reopenAfterMs: 2000,
  });

  readonly state = this.stream.state;

  connect(): () => void {
    return this.stream.connect();
  }
}

import { NatsConnection, NodeConnectionOptions, connect } from '@nats-io/transport-node';

/**
 * Connects to NATS with the settings every instance uses: reconnect for as long as the process lives, and
 * no async stack traces (nats.js would otherwise capture one for every request; a failed RPC becomes an
 * AppError with a code and a message, so the trace is never read). `options` win over these.
 */
export function connectNats(options: NodeConnectionOptions): Promise<NatsConnection> {
  return connect({ maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true, ...options });
}

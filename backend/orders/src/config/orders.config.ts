import { envInt } from '@shop/common';

/** Settings of the orders service, from the environment. */
export interface OrdersConfig {
  /** How long a saga's lease lasts without a heartbeat before another instance takes the saga over. */
  sagaLeaseMs: number;
  /** Checkout sagas one instance runs at once; more wait for a slot (see SagaSlots). */
  sagaConcurrency: number;
  /** How often this instance looks for sagas whose lease expired. */
  sagaSweepMs: number;
  /** Fulfilment duration of one order (PROCESSING → COMPLETED). */
  fulfilmentMs: number;
  /** Fulfilment slots that only take VIP orders (slots are cheap async tasks, not threads). */
  vipWorkers: number;
  /** Fulfilment slots shared between the queues by the configured weights. */
  sharedWorkers: number;
  /** Idle workers look at the queue at least this often (a NATS wake-up usually comes first). */
  queuePollMs: number;
  /** How long an order being fulfilled is held by its worker before another may take it over. */
  queueLeaseMs: number;
}

export const ORDERS_CONFIG = Symbol('ORDERS_CONFIG');

export function ordersConfigFromEnv(): OrdersConfig {
  const fulfilmentMs = envInt('ORDER_FULFILMENT_MS', 1500);
  return {
    sagaLeaseMs: envInt('SAGA_LEASE_MS', 10_000),
    sagaSweepMs: envInt('SAGA_SWEEP_MS', 2000),
    sagaConcurrency: envInt('SAGA_CONCURRENCY', 16),
    fulfilmentMs,
    vipWorkers: envInt('QUEUE_VIP_WORKERS', 8),
    sharedWorkers: envInt('QUEUE_SHARED_WORKERS', 8),
    queuePollMs: envInt('QUEUE_POLL_MS', 500),
    queueLeaseMs: envInt('QUEUE_LEASE_MS', Math.max(10_000, fulfilmentMs * 3)),
  };
}

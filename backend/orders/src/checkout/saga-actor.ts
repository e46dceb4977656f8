import { StepActor } from '../order/order.repository';

/** The saga's own calls carry the order's correlation id and no caller deadline (they outlive the request). */
export function sagaContext(correlationId: string, orderId: string) {
  return {
    correlationId,
    caller: { service: 'orders' },
    idempotencyKey: `order:${orderId}`,
  };
}

export function actor(instanceId: string, correlationId: string): StepActor {
  return { instanceId, correlationId };
}

import { OrderStatus, SagaStep } from '@shop/contracts';

/** Where an order is: its status and the step of its checkout saga. */
export interface OrderState {
  status: OrderStatus;
  sagaStep: SagaStep;
}

type Transition = { from: readonly OrderState[]; to: Partial<OrderState> };

const placed = (sagaStep: SagaStep): OrderState => ({ status: 'PLACED', sagaStep });
const RUNNING_SAGA = [placed('STARTED'), placed('STOCK_DEDUCTED'), placed('COMPENSATING')];

/**
 * The legal changes of an order. The checkout saga moves a PLACED order from STARTED through STOCK_DEDUCTED to
 * PENDING (confirmed) or, through COMPENSATING, to FAILED. A failed order whose payment may still be authorized
 * stays COMPENSATING until the void is done. Fulfilment takes a PENDING order to PROCESSING (again, when a
 * worker's lease ran out) and COMPLETED.
 */
export const ORDER_TRANSITIONS = {
  deductStock: { from: [placed('STARTED')], to: { sagaStep: 'STOCK_DEDUCTED' } },
  startCompensation: { from: RUNNING_SAGA, to: { sagaStep: 'COMPENSATING' } },
  confirm: { from: [placed('STOCK_DEDUCTED')], to: { status: 'PENDING', sagaStep: 'CONFIRMED' } },
  fail: { from: RUNNING_SAGA, to: { status: 'FAILED', sagaStep: 'COMPENSATED' } },
  failAwaitingVoid: { from: RUNNING_SAGA, to: { status: 'FAILED', sagaStep: 'COMPENSATING' } },
  finishVoid: {
    from: [{ status: 'FAILED', sagaStep: 'COMPENSATING' }],
    to: { status: 'FAILED', sagaStep: 'COMPENSATED' },
  },
  startProcessing: {
    from: [
      { status: 'PENDING', sagaStep: 'CONFIRMED' },
      { status: 'PROCESSING', sagaStep: 'CONFIRMED' },
    ],
    to: { status: 'PROCESSING' },
  },
  complete: { from: [{ status: 'PROCESSING', sagaStep: 'CONFIRMED' }], to: { status: 'COMPLETED' } },
} as const satisfies Record<string, Transition>;

export type OrderTransition = keyof typeof ORDER_TRANSITIONS;

/** Thrown when an order is asked to make a change its state does not allow. */
export class IllegalOrderTransitionError extends Error {
  constructor(
    readonly orderId: string,
    readonly transition: OrderTransition,
    readonly state: OrderState,
  ) {
    super(
      `Order ${orderId} cannot ${transition}: it is ${describe(state)}, and ${transition} applies to ` +
        ORDER_TRANSITIONS[transition].from.map(describe).join(' or '),
    );
    this.name = 'IllegalOrderTransitionError';
  }
}

/** The states `transition` starts from. */
export function statesBefore(transition: OrderTransition): readonly OrderState[] {
  return ORDER_TRANSITIONS[transition].from;
}

export function canTransition(state: OrderState, transition: OrderTransition): boolean {
  return statesBefore(transition).some((s) => s.status === state.status && s.sagaStep === state.sagaStep);
}

/** The state after `transition`; throws IllegalOrderTransitionError when the order is not in a state it applies to. */
export function transition(order: OrderState & { id: string }, name: OrderTransition): OrderState {
  if (!canTransition(order, name))
    throw new IllegalOrderTransitionError(order.id, name, { status: order.status, sagaStep: order.sagaStep });
  return { status: order.status, sagaStep: order.sagaStep, ...ORDER_TRANSITIONS[name].to };
}

function describe(s: OrderState): string {
  return `${s.status}/${s.sagaStep}`;
}

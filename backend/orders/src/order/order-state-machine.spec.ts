import {
  IllegalOrderTransitionError,
  OrderTransition,
  canTransition,
  transition,
} from './order-state-machine';

describe('order state machine', () => {
  const order = (status: string, sagaStep: string) => ({ id: 'o1', status, sagaStep }) as never;

  it('walks the checkout saga to a confirmation and fulfilment', () => {
    let state = transition(order('PLACED', 'STARTED'), 'deductStock');
    expect(state).toEqual({ status: 'PLACED', sagaStep: 'STOCK_DEDUCTED' });
    state = transition({ id: 'o1', ...state }, 'confirm');
    expect(state).toEqual({ status: 'PENDING', sagaStep: 'CONFIRMED' });
    state = transition({ id: 'o1', ...state }, 'startProcessing');
    expect(state).toEqual({ status: 'PROCESSING', sagaStep: 'CONFIRMED' });
    expect(transition({ id: 'o1', ...state }, 'startProcessing')).toEqual(state);
    expect(transition({ id: 'o1', ...state }, 'complete')).toEqual({
      status: 'COMPLETED',
      sagaStep: 'CONFIRMED',
    });
  });

  it('fails a running saga, directly or after compensation, and finishes a pending void', () => {
    for (const step of ['STARTED', 'STOCK_DEDUCTED', 'COMPENSATING']) {
      expect(transition(order('PLACED', step), 'startCompensation')).toEqual({
        status: 'PLACED',
        sagaStep: 'COMPENSATING',
      });
      expect(transition(order('PLACED', step), 'fail')).toEqual({
        status: 'FAILED',
        sagaStep: 'COMPENSATED',
      });
      expect(transition(order('PLACED', step), 'failAwaitingVoid')).toEqual({
        status: 'FAILED',
        sagaStep: 'COMPENSATING',
      });
    }
    expect(transition(order('FAILED', 'COMPENSATING'), 'finishVoid')).toEqual({
      status: 'FAILED',
      sagaStep: 'COMPENSATED',
    });
  });

  it.each<[string, string, OrderTransition]>([
    ['PLACED', 'STARTED', 'confirm'],
    ['PLACED', 'COMPENSATING', 'confirm'],
    ['PLACED', 'STOCK_DEDUCTED', 'deductStock'],
    ['PENDING', 'CONFIRMED', 'fail'],
    ['FAILED', 'COMPENSATED', 'confirm'],
    ['FAILED', 'COMPENSATED', 'finishVoid'],
    ['PENDING', 'CONFIRMED', 'complete'],
    ['COMPLETED', 'CONFIRMED', 'startProcessing'],
  ])('refuses from %s/%s: %s', (status, sagaStep, name) => {
    expect(canTransition(order(status, sagaStep), name)).toBe(false);
    expect(() => transition(order(status, sagaStep), name)).toThrow(IllegalOrderTransitionError);
  });

  it('says what was refused and why', () => {
    expect(() => transition(order('PLACED', 'STARTED'), 'confirm')).toThrow(
      'Order o1 cannot confirm: it is PLACED/STARTED, and confirm applies to PLACED/STOCK_DEDUCTED',
    );
  });
});

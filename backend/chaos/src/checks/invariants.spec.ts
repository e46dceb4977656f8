import { OrderAttempt, Restock } from '../load/ledger';
import { ExchangeRecord } from '../load/recorder';
import {
  checkContract,
  checkEventsExactlyOnce,
  checkNo5xx,
  checkNoDoubleCharge,
  checkNoOrderLost,
  checkNoOversell,
  checkNoOversellOfOrders,
  checkRefusalsHold,
  checkReservations,
  checkSagasTerminal,
  subsetSums,
} from './invariants';
import { AuditSnapshot, OrderState } from './snapshot';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

function order(
  id: string,
  status: string,
  lines = [{ productId: P1, quantity: 2 }],
  key = `k-${id}`,
): OrderState {
  return {
    id,
    userId: 'u1',
    idempotencyKey: key,
    status,
    sagaStep: status === 'FAILED' ? 'COMPENSATED' : 'CONFIRMED',
    failureCode: status === 'FAILED' ? 'PAYMENT_DECLINED' : null,
    failureReason: status === 'FAILED' ? 'declined' : null,
    fromCart: false,
    lines,
    correlationId: `c-${id}`,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

function snapshot(over: Partial<AuditSnapshot> = {}): AuditSnapshot {
  return {
    at: 1_000_000,
    orders: [],
    payments: [],
    deductions: [],
    stock: {},
    holds: [],
    cartLines: [],
    outbox: [],
    processed: [],
    stream: [],
    consumers: [],
    mails: [],
    ...over,
  };
}

function attempt(over: Partial<OrderAttempt>): OrderAttempt {
  return {
    userId: 'u1',
    key: 'k-o1',
    fromCart: false,
    card: 'approve',
    atMs: 5000,
    attempts: 1,
    kind: 'ok',
    ...over,
  };
}

describe('no order lost', () => {
  it('holds when every 2xx answer has a COMPLETED order, found by id or by key', () => {
    const s = snapshot({ orders: [order('o1', 'COMPLETED'), order('o2', 'COMPLETED')] });
    const r = checkNoOrderLost(
      [attempt({ status: 201, orderId: 'o1' }), attempt({ status: 201, key: 'k-o2' })],
      s,
    );
    expect(r.checked).toBe(2);
    expect(r.violations).toEqual([]);
  });

  it('counts a missing order, one stuck before COMPLETED, and a confirmed answer that ended FAILED', () => {
    const s = snapshot({ orders: [order('o2', 'PENDING'), order('o3', 'FAILED')] });
    const r = checkNoOrderLost(
      [
        attempt({ status: 201, orderId: 'o1', key: 'gone' }),
        attempt({ status: 201, orderId: 'o2', answeredStatus: 'PENDING' }),
        attempt({ status: 201, orderId: 'o3', answeredStatus: 'PENDING' }),
        attempt({ status: 402, orderId: 'o3', kind: 'client-error' }),
      ],
      s,
    );
    expect(r.checked).toBe(3);
    expect(r.violations).toHaveLength(3);
    expect(r.violations[0]).toMatch(/o1 .*no such order/);
  });

  it('accepts FAILED when the 2xx answer said the checkout was still running', () => {
    const s = snapshot({ orders: [order('o1', 'FAILED')] });
    expect(
      checkNoOrderLost([attempt({ status: 201, orderId: 'o1', answeredStatus: 'PLACED' })], s).violations,
    ).toEqual([]);
  });
});

describe('refusals hold', () => {
  it('counts a 4xx answer whose order was confirmed anyway', () => {
    const s = snapshot({ orders: [order('o1', 'COMPLETED'), order('o2', 'FAILED')] });
    const r = checkRefusalsHold(
      [
        attempt({ status: 409, key: 'k-o1', kind: 'client-error' }),
        attempt({ status: 402, key: 'k-o2', kind: 'client-error' }),
      ],
      s,
    );
    expect(r.checked).toBe(2);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatch(/o1 answered 409/);
  });
});

describe('no oversell', () => {
  const restock = (over: Partial<Restock>): Restock => ({
    productId: P1,
    atMs: 1,
    expectedVersion: 1,
    fromOnHand: 0,
    toOnHand: 17,
    outcome: 'applied',
    ...over,
  });
  const ledger = (orders: OrderState[]) =>
    orders
      .filter((o) => o.status !== 'FAILED')
      .map((o) => ({ orderId: o.id, lines: o.lines, restored: false }));

  it('holds when initial + restocks = on hand + units in confirmed orders', () => {
    const orders = [order('o1', 'COMPLETED'), order('o2', 'PENDING'), order('o3', 'FAILED')];
    const s = snapshot({ orders, deductions: ledger(orders), stock: { [P1]: 23, [P2]: 5 } });
    // 10 + 17 = 23 + 2 + 2 (o3 failed: its units are not counted)
    const r = checkNoOversell({ [P1]: 10, [P2]: 5 }, [restock({})], s);
    expect(r.violations).toEqual([]);
  });

  it('names units oversold and units gone without an order', () => {
    const orders = [order('o1', 'COMPLETED', [{ productId: P1, quantity: 3 }])];
    const s = snapshot({ orders, deductions: ledger(orders), stock: { [P1]: 8, [P2]: 1 } });
    const r = checkNoOversell({ [P1]: 10, [P2]: 5 }, [], s);
    expect(r.violations).toEqual([
      expect.stringMatching(new RegExp(`${P1}.*1 unit\\(s\\) oversold`)),
      expect.stringMatching(new RegExp(`${P2}.*4 unit\\(s\\) gone without a confirmed order`)),
    ]);
  });

  it('lets a restock of unknown outcome count or not, and nothing else', () => {
    const s = snapshot({ stock: { [P1]: 27 } });
    expect(
      checkNoOversell({ [P1]: 10 }, [restock({ outcome: 'unknown', fromOnHand: 10, toOnHand: 27 })], s)
        .violations,
    ).toEqual([]);
    const s2 = snapshot({ stock: { [P1]: 10 } });
    expect(
      checkNoOversell({ [P1]: 10 }, [restock({ outcome: 'unknown', fromOnHand: 10, toOnHand: 27 })], s2)
        .violations,
    ).toEqual([]);
    const s3 = snapshot({ stock: { [P1]: 26 } });
    expect(
      checkNoOversell({ [P1]: 10 }, [restock({ outcome: 'unknown', fromOnHand: 10, toOnHand: 27 })], s3)
        .violations,
    ).toHaveLength(1);
    expect(checkNoOversell({ [P1]: 10 }, [restock({ outcome: 'not-applied' })], s3).violations).toHaveLength(
      1,
    );
  });

  it('checks inventory deductions against the orders', () => {
    const orders = [order('o1', 'COMPLETED'), order('o2', 'FAILED'), order('o3', 'PROCESSING')];
    const s = snapshot({
      orders,
      stock: { [P1]: 4 },
      deductions: [
        { orderId: 'o1', lines: [{ productId: P1, quantity: 2 }], restored: false },
        { orderId: 'o2', lines: [{ productId: P1, quantity: 2 }], restored: false },
        { orderId: 'o9', lines: [{ productId: P1, quantity: 1 }], restored: false },
      ],
    });
    const r = checkNoOversell({ [P1]: 8 }, [], s);
    expect(r.violations).toEqual([
      expect.stringMatching(/o2 is FAILED.*not restored/),
      expect.stringMatching(/o3 is PROCESSING but inventory holds no unrestored deduction/),
      expect.stringMatching(/deduction for o9 has no order/),
    ]);
  });
});

describe('no double charge', () => {
  it('counts a second authorization, a charge left on a failed order and a confirmed order without one', () => {
    const s = snapshot({
      orders: [
        order('o1', 'COMPLETED'),
        order('o2', 'FAILED'),
        order('o3', 'PENDING'),
        order('o4', 'FAILED'),
      ],
      payments: [
        { orderId: 'o1', status: 'AUTHORIZED' },
        { orderId: 'o2', status: 'AUTHORIZED' },
        { orderId: 'o3', status: 'DECLINED' },
        { orderId: 'o4', status: 'VOIDED' },
      ],
      stream: [
        { seq: 1, id: 'e1', type: 'PAYMENT_AUTHORIZED', orderId: 'o1' },
        { seq: 2, id: 'e2', type: 'PAYMENT_AUTHORIZED', orderId: 'o1' },
      ],
    });
    const r = checkNoDoubleCharge(s);
    expect(r.violations).toEqual([
      expect.stringMatching(/o1 was authorized 2 times/),
      expect.stringMatching(/o2 FAILED .*still AUTHORIZED/),
      expect.stringMatching(/o3 is PENDING but its payment is DECLINED/),
    ]);
  });
});

describe('reservations', () => {
  const hold = (owner: string, productId: string, quantity: number, expiresAt = 2_000_000) => ({
    ownerId: owner,
    productId,
    quantity,
    expiresAt,
  });

  it('accepts holds backed by their cart lines, and expired ones', () => {
    const r = checkReservations(
      {
        at: 1_000_000,
        holds: [hold('cart:u1', P1, 2), hold('cart:u2', P2, 5, 999_999)],
        cartLines: [{ userId: 'u1', productId: P1, quantity: 3 }],
      },
      { at: 1_100_000, holds: [hold('cart:u2', P2, 5, 999_999)], cartsNotEmptied: [] },
    );
    expect(r.checked).toBe(1);
    expect(r.violations).toEqual([]);
  });

  it('counts holds without a line, above their line, left after emptying, and carts not emptied', () => {
    const r = checkReservations(
      {
        at: 1_000_000,
        holds: [hold('cart:u1', P1, 4), hold('cart:u1', P2, 1)],
        cartLines: [{ userId: 'u1', productId: P1, quantity: 3 }],
      },
      { at: 1_100_000, holds: [hold('cart:u1', P2, 1)], cartsNotEmptied: ['x@example.com'] },
    );
    expect(r.violations).toEqual([
      expect.stringMatching(/holds 4 .* cart line has 3/),
      expect.stringMatching(/holds 1 .* without a cart line/),
      expect.stringMatching(/still holds 1 .* after every cart was emptied/),
      expect.stringMatching(/x@example.com could not be emptied/),
    ]);
  });
});

describe('events exactly once', () => {
  const types = { 'notification-mail': { schema: 'notification', types: ['ORDER_CONFIRMED'] } };

  it('holds when every outbox row is in the stream once and every mailed event is recorded once', () => {
    const s = snapshot({
      outbox: [
        { schema: 'orders', id: 'e1', type: 'ORDER_CONFIRMED', published: true },
        { schema: 'payment', id: 'e2', type: 'PAYMENT_AUTHORIZED', published: true },
      ],
      stream: [
        { seq: 1, id: 'e1', type: 'ORDER_CONFIRMED' },
        { seq: 2, id: 'e2', type: 'PAYMENT_AUTHORIZED' },
      ],
      consumers: [{ name: 'notification-mail', pending: 0, ackPending: 0, redelivered: 3 }],
      processed: [{ schema: 'notification', consumer: 'notification-mail', messageId: 'e1' }],
    });
    const r = checkEventsExactlyOnce(s, types);
    expect(r.checked).toBe(2);
    expect(r.violations).toEqual([]);
  });

  it('counts unpublished rows, duplicates, strays, lagging consumers and unrecorded events', () => {
    const s = snapshot({
      outbox: [
        { schema: 'orders', id: 'e1', type: 'ORDER_CONFIRMED', published: true },
        { schema: 'orders', id: 'e2', type: 'ORDER_CONFIRMED', published: false },
      ],
      stream: [
        { seq: 1, id: 'e1', type: 'ORDER_CONFIRMED' },
        { seq: 2, id: 'e1', type: 'ORDER_CONFIRMED' },
        { seq: 3, id: 'e3', type: 'ORDER_CONFIRMED' },
      ],
      consumers: [{ name: 'notification-mail', pending: 1, ackPending: 2, redelivered: 0 }],
      processed: [{ schema: 'notification', consumer: 'notification-mail', messageId: 'e1' }],
    });
    const r = checkEventsExactlyOnce(s, types);
    expect(r.violations).toEqual([
      expect.stringMatching(/e2 was never published/),
      expect.stringMatching(/e1 is in the stream 2 times/),
      expect.stringMatching(/e3 in the stream has no outbox row/),
      expect.stringMatching(/1 not delivered, 2 delivered but not acknowledged/),
      expect.stringMatching(/recorded ORDER_CONFIRMED e3 0 times/),
    ]);
  });

  it('fails when a known durable consumer is missing', () => {
    expect(checkEventsExactlyOnce(snapshot(), types).violations).toEqual([
      expect.stringMatching(/notification-mail does not exist/),
    ]);
  });
});

describe('sagas, 5xx and contract', () => {
  it('lists orders still PLACED', () => {
    const r = checkSagasTerminal(
      snapshot({ orders: [order('o1', 'PLACED'), order('o2', 'FAILED')] }),
      30_000,
    );
    expect(r.title).toMatch(/30\.0 s/);
    expect(r.violations).toEqual([expect.stringMatching(/o1 still PLACED/)]);
  });

  it('counts every 5xx exchange except 503 with Retry-After', () => {
    const e = (kind: ExchangeRecord['kind'], status: number): ExchangeRecord => ({
      op: 'x',
      atMs: 1,
      latencyMs: 1,
      kind,
      status,
    });
    const r = checkNo5xx([
      e('ok', 200),
      e('retry-later', 503),
      e('server-error', 503),
      e('server-error', 500),
      e('client-error', 404),
    ]);
    expect(r.checked).toBe(5);
    expect(r.violations).toEqual([
      expect.stringMatching(/503 .*without Retry-After/),
      expect.stringMatching(/: 500 /),
    ]);
  });

  it('reports where the committed schema differs', () => {
    expect(checkContract({ same: true }).violations).toEqual([]);
    expect(
      checkContract({ same: false, difference: { line: 7, committed: 'a', served: 'b' } }).violations[0],
    ).toMatch(/line 7/);
  });

  it('sums subsets of unknown restocks', () => {
    expect([...subsetSums([17, 17])].sort()).toEqual([17, 34]);
    expect(subsetSums([]).size).toBe(0);
  });
});

describe('checkNoOversellOfOrders (one run on a shared cluster)', () => {
  const confirmed = order('o1', 'COMPLETED');
  const failed = order('o2', 'FAILED');

  it('holds when each confirmed order has its deduction, failed ones were restored, and no stock is negative', () => {
    const r = checkNoOversellOfOrders(
      snapshot({
        orders: [confirmed, failed],
        deductions: [
          { orderId: 'o1', lines: [{ productId: P1, quantity: 2 }], restored: false },
          { orderId: 'o2', lines: [{ productId: P1, quantity: 2 }], restored: true },
        ],
        stock: { [P1]: 0 },
      }),
    );
    expect(r.violations).toEqual([]);
    expect(r.checked).toBe(3);
  });

  it('names a confirmed order without a deduction, a failed order that kept one, and a negative stock', () => {
    const r = checkNoOversellOfOrders(
      snapshot({
        orders: [confirmed, failed],
        deductions: [{ orderId: 'o2', lines: [{ productId: P1, quantity: 2 }], restored: false }],
        stock: { [P1]: -1, [P2]: 3 },
      }),
    );
    expect(r.violations).toEqual([
      'order o1 is COMPLETED but inventory holds no unrestored deduction for it',
      expect.stringContaining('order o2 is FAILED'),
      `product ${P1} has -1 on hand (sold beyond its stock)`,
    ]);
  });

  it('names a deduction whose lines differ from its order', () => {
    const r = checkNoOversellOfOrders(
      snapshot({
        orders: [confirmed],
        deductions: [{ orderId: 'o1', lines: [{ productId: P1, quantity: 3 }], restored: false }],
        stock: { [P1]: 4 },
      }),
    );
    expect(r.violations).toEqual(["order o1: its lines differ from inventory's deduction for it"]);
  });
});

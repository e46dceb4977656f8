import { cartReservationOwner } from '@shop/contracts';
import { OrderAttempt, Restock } from '../load/ledger';
import { ExchangeRecord } from '../load/recorder';
import { AuditSnapshot, HoldState, OrderState } from './snapshot';

/** One invariant's result: how many things it looked at and every violation found, in words. */
export interface InvariantResult {
  id: string;
  title: string;
  /** What was counted, e.g. "2xx order answers". */
  checkedWhat: string;
  checked: number;
  violations: string[];
}

/** Order statuses after a successful checkout: the stock is taken and the payment authorized. */
export const CONFIRMED = ['PENDING', 'PROCESSING', 'COMPLETED'] as const;
const isConfirmed = (o: OrderState | undefined) => !!o && (CONFIRMED as readonly string[]).includes(o.status);
const is2xx = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Finds the order an attempt created: by the id it was answered with, else by (user, Idempotency-Key). */
export function orderIndex(orders: readonly OrderState[]): (a: OrderAttempt) => OrderState | undefined {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const byKey = new Map(orders.map((o) => [`${o.userId}|${o.idempotencyKey}`, o]));
  return (a) => (a.orderId ? byId.get(a.orderId) : undefined) ?? byKey.get(`${a.userId}|${a.key}`);
}

/**
 * No order lost: every order request answered 2xx has its order, which ended COMPLETED (fulfilled), or
 * FAILED only when the answer itself said the checkout was still running (PLACED).
 */
export function checkNoOrderLost(
  attempts: readonly OrderAttempt[],
  snapshot: AuditSnapshot,
): InvariantResult {
  const find = orderIndex(snapshot.orders);
  const violations: string[] = [];
  let checked = 0;
  for (const a of attempts) {
    if (!is2xx(a.status)) continue;
    checked++;
    const o = find(a);
    const said = `answered ${a.status} ${a.answeredStatus ?? ''} at ${secs(a.atMs)} (key ${a.key})`;
    if (!o) violations.push(`order ${a.orderId ?? '(no id)'} ${said}: no such order in orders.orders`);
    else if (o.status === 'COMPLETED') continue;
    else if (o.status === 'FAILED' && a.answeredStatus === 'PLACED') continue;
    else
      violations.push(
        `order ${o.id} ${said}: ends ${o.status}/${o.sagaStep}` +
          (o.failureCode ? ` (${o.failureCode}: ${o.failureReason})` : ''),
      );
  }
  return {
    id: 'no-order-lost',
    title: 'No order lost: every order answered 2xx has an order that reached a terminal state (COMPLETED)',
    checkedWhat: '2xx order answers',
    checked,
    violations,
  };
}

/** A refusal (4xx) never has a confirmed order behind it: the shopper was told no, so nothing was sold. */
export function checkRefusalsHold(
  attempts: readonly OrderAttempt[],
  snapshot: AuditSnapshot,
): InvariantResult {
  const find = orderIndex(snapshot.orders);
  const violations: string[] = [];
  let checked = 0;
  for (const a of attempts) {
    if (a.status === undefined || a.status < 400 || a.status >= 500) continue;
    checked++;
    const o = find(a);
    if (isConfirmed(o))
      violations.push(
        `order ${o!.id} answered ${a.status} ${a.code ?? ''} at ${secs(a.atMs)} (key ${a.key}) but is ${o!.status}`,
      );
  }
  return {
    id: 'refusals-hold',
    title: 'Every order refused with a 4xx stays unconfirmed (nothing sold or charged for it)',
    checkedWhat: '4xx order answers',
    checked,
    violations,
  };
}

/**
 * No oversell. Per product: initial on hand (read before the load) + applied restocks = final on hand + units
 * in confirmed orders (PENDING, PROCESSING, COMPLETED; the lines their stock deduction took). A restock
 * whose outcome stayed unknown may count or not; nothing else may differ. Per order, inventory's ledger
 * must agree: a confirmed order has an unrestored deduction with the same lines, and no other order has one.
 */
export function checkNoOversell(
  initialStock: Readonly<Record<string, number>>,
  restocks: readonly Restock[],
  snapshot: AuditSnapshot,
): InvariantResult {
  const violations: string[] = [];
  const sold = new Map<string, number>();
  for (const o of snapshot.orders)
    if (isConfirmed(o))
      for (const l of o.lines) sold.set(l.productId, (sold.get(l.productId) ?? 0) + l.quantity);
  for (const [productId, initial] of Object.entries(initialStock)) {
    const mine = restocks.filter((r) => r.productId === productId);
    const added = mine
      .filter((r) => r.outcome === 'applied')
      .reduce((s, r) => s + r.toOnHand - r.fromOnHand, 0);
    const unknown = mine.filter((r) => r.outcome === 'unknown').map((r) => r.toOnHand - r.fromOnHand);
    const onHand = snapshot.stock[productId] ?? 0;
    const units = sold.get(productId) ?? 0;
    const gap = initial + added - (onHand + units);
    if (gap === 0 || subsetSums(unknown).has(-gap)) continue;
    violations.push(
      `product ${productId}: initial ${initial} + restocks ${added}${unknown.length ? ` (+ ${unknown.length} of unknown outcome)` : ''} = ${initial + added}, ` +
        `but on hand ${onHand} + in confirmed orders ${units} = ${onHand + units}: ` +
        (gap > 0 ? `${gap} unit(s) gone without a confirmed order` : `${-gap} unit(s) oversold`),
    );
  }
  violations.push(...deductionLedgerViolations(snapshot));
  return {
    id: 'no-oversell',
    title:
      'No oversell: per product, initial stock + restocks = on hand + units in confirmed orders; inventory deductions match the orders',
    checkedWhat: 'products and orders',
    checked: Object.keys(initialStock).length + snapshot.orders.length,
    violations,
  };
}

/**
 * Inventory's ledger agrees with the orders: a confirmed order has an unrestored deduction with its lines,
 * no other order keeps one, and no unrestored deduction lacks its order.
 */
function deductionLedgerViolations(snapshot: AuditSnapshot): string[] {
  const violations: string[] = [];
  const deductions = new Map(snapshot.deductions.map((d) => [d.orderId, d]));
  const orders = new Map(snapshot.orders.map((o) => [o.id, o]));
  for (const o of snapshot.orders) {
    const d = deductions.get(o.id);
    const taken = d && !d.restored;
    if (isConfirmed(o) && !taken)
      violations.push(`order ${o.id} is ${o.status} but inventory holds no unrestored deduction for it`);
    else if (isConfirmed(o) && !sameLines(o.lines, d!.lines))
      violations.push(`order ${o.id}: its lines differ from inventory's deduction for it`);
    else if (!isConfirmed(o) && taken)
      violations.push(`order ${o.id} is ${o.status}/${o.sagaStep} but its stock deduction was not restored`);
  }
  for (const d of snapshot.deductions)
    if (!d.restored && !orders.has(d.orderId))
      violations.push(`deduction for ${d.orderId} has no order in orders.orders (stock taken for nothing)`);
  return violations;
}

/**
 * No oversell for the orders of one run on a shared cluster, where other shoppers and operators change the
 * same stock (so the per-product balance of `checkNoOversell` cannot be drawn): every confirmed order of the
 * run took its units through exactly one unrestored deduction with its lines, no other order of the run
 * kept one, and no product it ordered is left with stock below zero. `snapshot` is a scoped snapshot.
 */
export function checkNoOversellOfOrders(snapshot: AuditSnapshot): InvariantResult {
  const violations = deductionLedgerViolations(snapshot);
  for (const [productId, onHand] of Object.entries(snapshot.stock))
    if (onHand < 0) violations.push(`product ${productId} has ${onHand} on hand (sold beyond its stock)`);
  return {
    id: 'no-oversell',
    title:
      "No oversell: every confirmed order took its units from stock exactly once (inventory's deduction matches its lines), none went below zero",
    checkedWhat: 'orders and products',
    checked: snapshot.orders.length + Object.keys(snapshot.stock).length,
    violations,
  };
}

/** No double charge: at most one authorization per order, none left on a failed order, one on every confirmed order. */
export function checkNoDoubleCharge(snapshot: AuditSnapshot): InvariantResult {
  const violations: string[] = [];
  const payments = new Map<string, string[]>();
  for (const p of snapshot.payments) payments.set(p.orderId, [...(payments.get(p.orderId) ?? []), p.status]);
  const authorizedEvents = new Map<string, number>();
  for (const m of snapshot.stream)
    if (m.type === 'PAYMENT_AUTHORIZED' && m.orderId)
      authorizedEvents.set(m.orderId, (authorizedEvents.get(m.orderId) ?? 0) + 1);
  for (const o of snapshot.orders) {
    const statuses = payments.get(o.id) ?? [];
    const authorized = statuses.filter((s) => s === 'AUTHORIZED').length;
    const events = authorizedEvents.get(o.id) ?? 0;
    if (statuses.length > 1)
      violations.push(`order ${o.id} has ${statuses.length} payments (${statuses.join(', ')})`);
    if (events > 1)
      violations.push(`order ${o.id} was authorized ${events} times (PAYMENT_AUTHORIZED events)`);
    if (o.status === 'FAILED' && authorized > 0)
      violations.push(`order ${o.id} FAILED (${o.failureCode}) but its payment is still AUTHORIZED`);
    if (isConfirmed(o) && authorized !== 1)
      violations.push(`order ${o.id} is ${o.status} but its payment is ${statuses.join(', ') || 'missing'}`);
  }
  return {
    id: 'no-double-charge',
    title: 'No double charge: at most one authorization per order, none left on failed orders',
    checkedWhat: 'orders',
    checked: snapshot.orders.length,
    violations,
  };
}

/**
 * Every reservation released, expired or converted. While carts still hold items, every unexpired hold must
 * be backed by its owner's cart line of at least that quantity (a hold nobody can see is stock taken from
 * every other shopper); once every cart is emptied through the API, no unexpired hold may remain.
 */
export function checkReservations(
  before: { at: number; holds: readonly HoldState[]; cartLines: AuditSnapshot['cartLines'] },
  after: { at: number; holds: readonly HoldState[]; cartsNotEmptied: readonly string[] },
): InvariantResult {
  const violations: string[] = [];
  const lines = new Map(
    before.cartLines.map((l) => [`${cartReservationOwner(l.userId)}|${l.productId}`, l.quantity]),
  );
  const active = before.holds.filter((h) => h.expiresAt > before.at);
  for (const h of active) {
    const line = lines.get(`${h.ownerId}|${h.productId}`);
    if (line === undefined)
      violations.push(`${h.ownerId} holds ${h.quantity} of ${h.productId} without a cart line for it`);
    else if (h.quantity > line)
      violations.push(`${h.ownerId} holds ${h.quantity} of ${h.productId}, its cart line has ${line}`);
  }
  for (const h of after.holds.filter((x) => x.expiresAt > after.at))
    violations.push(`${h.ownerId} still holds ${h.quantity} of ${h.productId} after every cart was emptied`);
  for (const user of after.cartsNotEmptied)
    violations.push(`the cart of ${user} could not be emptied through the API (its holds are unverified)`);
  return {
    id: 'reservations-resolved',
    title:
      'Every reservation released, expired or converted (no hold without its cart line; none left once carts are emptied)',
    checkedWhat: 'active holds when the load stopped',
    checked: active.length,
    violations,
  };
}

/** Per durable consumer: the message types it records as processed, and where. */
export interface ConsumerRecords {
  schema: string;
  types: readonly string[];
}

/**
 * Every event consumed exactly once by every durable consumer: every outbox row published, once, to the
 * stream; every durable consumer caught up with nothing unacknowledged; and for every consumer that records
 * what it processed, exactly one record per event of its types (and none for anything else).
 */
export function checkEventsExactlyOnce(
  snapshot: AuditSnapshot,
  records: Readonly<Record<string, ConsumerRecords>>,
): InvariantResult {
  const violations: string[] = [];
  const inStream = new Map<string, number>();
  for (const m of snapshot.stream) inStream.set(m.id, (inStream.get(m.id) ?? 0) + 1);
  const outboxIds = new Set(snapshot.outbox.map((o) => o.id));
  for (const o of snapshot.outbox) {
    if (!o.published) violations.push(`${o.schema}.outbox ${o.type} ${o.id} was never published`);
    else if (!inStream.has(o.id))
      violations.push(`${o.schema}.outbox ${o.type} ${o.id} is not in the stream`);
  }
  for (const [id, n] of inStream) {
    if (n > 1) violations.push(`event ${id} is in the stream ${n} times`);
    if (!outboxIds.has(id)) violations.push(`event ${id} in the stream has no outbox row`);
  }
  for (const c of snapshot.consumers) {
    if (c.pending > 0 || c.ackPending > 0)
      violations.push(
        `consumer ${c.name}: ${c.pending} not delivered, ${c.ackPending} delivered but not acknowledged`,
      );
    const known = records[c.name];
    if (!known) continue;
    const processed = new Map<string, number>();
    for (const p of snapshot.processed)
      if (p.consumer === c.name && p.schema === known.schema)
        processed.set(p.messageId, (processed.get(p.messageId) ?? 0) + 1);
    const handled = snapshot.stream.filter((m) => known.types.includes(m.type));
    for (const m of handled) {
      const n = processed.get(m.id) ?? 0;
      if (n !== 1) violations.push(`consumer ${c.name} recorded ${m.type} ${m.id} ${n} times`);
    }
    const handledIds = new Set(handled.map((m) => m.id));
    for (const id of processed.keys())
      if (!handledIds.has(id))
        violations.push(`consumer ${c.name} recorded ${id}, which is not an event of its types`);
  }
  for (const name of Object.keys(records))
    if (!snapshot.consumers.some((c) => c.name === name))
      violations.push(`durable consumer ${name} does not exist on the stream`);
  return {
    id: 'events-exactly-once',
    title: 'Every event published once and consumed exactly once by every durable consumer',
    checkedWhat: 'events in the stream',
    checked: snapshot.stream.length,
    violations,
  };
}

/** Every checkout saga terminal (no order PLACED) within the wait after the load stopped. */
export function checkSagasTerminal(snapshot: AuditSnapshot, boundMs: number): InvariantResult {
  const open = snapshot.orders.filter((o) => o.status === 'PLACED');
  return {
    id: 'sagas-terminal',
    title: `Every saga terminal within ${secs(boundMs)} after the load stopped`,
    checkedWhat: 'orders',
    checked: snapshot.orders.length,
    violations: open.map(
      (o) =>
        `order ${o.id} still PLACED at step ${o.sagaStep} (created ${o.createdAt}, correlation ${o.correlationId})`,
    ),
  };
}

/** No client-visible 5xx other than 503 with Retry-After, over every HTTP exchange (retries included). */
export function checkNo5xx(exchanges: readonly ExchangeRecord[]): InvariantResult {
  return {
    id: 'no-5xx',
    title: 'No client-visible 5xx other than 503 with Retry-After',
    checkedWhat: 'HTTP exchanges',
    checked: exchanges.length,
    violations: exchanges
      .filter((e) => e.kind === 'server-error')
      .map(
        (e) =>
          `${e.op} at ${secs(e.atMs)}: ${e.status} ${e.code ?? ''}${e.status === 503 ? ' without Retry-After' : ''}: ` +
          `${e.message ?? ''} (correlation ${e.correlationId ?? '?'})`,
      ),
  };
}

/** The typed client's committed schema is what the running gateway's OpenAPI document generates. */
export function checkContract(comparison: {
  same: boolean;
  difference?: { line: number; committed: string; served: string };
}): InvariantResult {
  const d = comparison.difference;
  return {
    id: 'api-contract',
    title: 'The committed client schema matches the OpenAPI document the gateway serves',
    checkedWhat: 'documents',
    checked: 1,
    violations: comparison.same
      ? []
      : [
          `backend/chaos/src/api/schema.d.ts differs from /api/docs-json at line ${d?.line}: committed "${d?.committed.trim()}", served "${d?.served.trim()}" (regenerate: npm run chaos -- --write-schema)`,
        ],
  };
}

/** Every sum of a subset of `values` (all of one size in practice, so this stays small). */
export function subsetSums(values: readonly number[]): Set<number> {
  let sums = new Set<number>([0]);
  for (const v of values) sums = new Set([...sums, ...[...sums].map((s) => s + v)]);
  sums.delete(0);
  return sums;
}

function sameLines(
  a: readonly { productId: string; quantity: number }[],
  b: readonly { productId: string; quantity: number }[],
): boolean {
  const key = (lines: readonly { productId: string; quantity: number }[]) =>
    lines
      .map((l) => `${l.productId.toLowerCase()}:${l.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  CartDto,
  ErrorCode,
  InventoryRpc,
  ReservationDto,
  ReserveStockRequest,
  cartReservationOwner,
} from '@shop/contracts';
import { AppError, RequestContext, envInt } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { TransactionControl, runInTransaction, sqlLiteral } from '@shop/persistence';
import { BatchOutcome } from './change-batcher';
import { CART_ITEM_COLUMNS, CartItemRow, toCartDto, toCartItem } from './cart-view';

/** One change of a cart line (add-to-cart or a new quantity), as the batcher queues it. */
export interface LineChange {
  ctx: RequestContext;
  userId: string;
  /** A checked UUID. */
  productId: string;
  /** The line's new quantity from its current one (undefined: not in the cart); throws an AppError to refuse. */
  nextQuantity: (current: number | undefined) => number;
}

/** User ids that may go into SQL text as string literals (the auth service's UUIDs and the like). */
const PLAIN_USER_ID = /^[A-Za-z0-9@:._-]{1,200}$/;

/**
 * Creates the carts that do not exist yet and locks every cart row in the order given (sorted by user, so
 * batches of different cart instances cannot deadlock). `WHERE false`: an existing row is locked but not
 * rewritten; the carts that change are stamped when their lines are written.
 */
const lockCartsSql = (users: string) =>
  `INSERT INTO cart.carts AS c (user_id)
   SELECT x.user_id FROM unnest(${users}) WITH ORDINALITY AS x(user_id, n) ORDER BY x.n
   ON CONFLICT (user_id) DO UPDATE SET updated_at = c.updated_at WHERE false`;

/**
 * The current quantity of each (user, product) line: a statement of its own, so it sees every change
 * committed before the locks were granted.
 */
const readLinesSql = (users: string, products: string) =>
  `SELECT c.user_id, c.id, i.quantity, now() AS at
     FROM unnest(${users}, ${products}) AS x(user_id, product_id)
     JOIN cart.carts c ON c.user_id = x.user_id
     LEFT JOIN cart.cart_items i ON i.cart_id = c.id AND i.product_id = x.product_id`;

/**
 * Stores one line per cart (with what inventory answered about the product), stamps those carts and returns
 * every item of them: the written lines from the upsert, the others as they are (the statement's snapshot
 * does not show its own writes).
 */
const WRITE_LINES_SQL = `WITH x AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(cart_id uuid, product_id uuid, quantity int, name text,
       image_url text, price_minor int, currency text, last_available int, reserved_until timestamptz)),
   up AS (
     INSERT INTO cart.cart_items (cart_id, product_id, quantity, name, image_url, price_minor, currency,
                                  last_available, checked_at, reserved_until)
     SELECT cart_id, product_id, quantity, name, image_url, price_minor, currency, last_available, now(),
            reserved_until FROM x
     ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, name = EXCLUDED.name,
       image_url = EXCLUDED.image_url, price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency,
       last_available = EXCLUDED.last_available, checked_at = now(), reserved_until = EXCLUDED.reserved_until,
       updated_at = now()
     RETURNING cart_id, ${CART_ITEM_COLUMNS}, created_at),
   stamp AS (UPDATE cart.carts c SET updated_at = now() FROM x WHERE c.id = x.cart_id)
 SELECT cart_id, ${CART_ITEM_COLUMNS}, created_at FROM cart.cart_items i
  WHERE i.cart_id IN (SELECT x.cart_id FROM x)
    AND NOT EXISTS (SELECT 1 FROM x WHERE x.cart_id = i.cart_id AND x.product_id = i.product_id)
 UNION ALL SELECT * FROM up
 ORDER BY cart_id, created_at, product_id`;

interface LockedLine {
  user_id: string;
  id: string;
  quantity: number | null;
  at: Date;
}

/** A change whose new quantity is known, waiting for inventory's answer. */
interface Planned {
  index: number;
  change: LineChange;
  cartId: string;
  quantity: number;
}

/** A planned change inventory accepted. */
interface Held {
  plan: Planned;
  held: ReservationDto;
}

/**
 * One cart transaction for a batch of line changes (at most one per user): lock the carts and read the
 * lines (BEGIN and both statements in one round trip), compute each new quantity, set every reservation with
 * one `reserveBatch` call, then store the reserved lines and read the carts back with COMMIT (one round
 * trip). Each change gets its own cart or its own error; when inventory itself fails (timeout, no
 * instance), everything rolls back and the whole batch fails with that error.
 */
@Injectable()
export class CartLineBatch {
  private readonly reservationTtlMs = envInt('CART_RESERVATION_TTL_MS', 15 * 60_000);

  constructor(
    private readonly ds: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  async apply(changes: LineChange[]): Promise<BatchOutcome<CartDto>[]> {
    const sorted = [...changes].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    const users = sorted.map((c) => c.userId);
    const products = sorted.map((c) => c.productId);
    // Ids that are safe as literals ride with BEGIN (product ids are checked UUIDs); others use parameters.
    const inline = users.every((u) => PLAIN_USER_ID.test(u));
    const setup = inline
      ? `${lockCartsSql(arrayOf(users, 'text'))}; ${readLinesSql(arrayOf(users, 'text'), arrayOf(products, 'uuid'))}`
      : undefined;
    return runInTransaction(
      this.ds,
      async (em, firstRows, tx) => {
        const locked = inline
          ? (firstRows as unknown as LockedLine[])
          : await this.lockAndRead(em, users, products);
        return this.changeLocked(changes, locked, tx);
      },
      setup,
    );
  }

  private async lockAndRead(em: EntityManager, users: string[], products: string[]): Promise<LockedLine[]> {
    await em.query(lockCartsSql('$1::text[]'), [users]);
    return (await em.query(readLinesSql('$1::text[]', '$2::uuid[]'), [users, products])) as LockedLine[];
  }

  private async changeLocked(
    changes: LineChange[],
    locked: LockedLine[],
    tx: TransactionControl,
  ): Promise<BatchOutcome<CartDto>[]> {
    const lineOf = new Map(locked.map((l) => [l.user_id, l]));
    const outcomes: BatchOutcome<CartDto>[] = new Array(changes.length);
    const planned: Planned[] = [];
    changes.forEach((change, index) => {
      const line = lineOf.get(change.userId)!;
      try {
        const quantity = change.nextQuantity(line.quantity ?? undefined);
        planned.push({ index, change, cartId: line.id, quantity });
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    });
    const reserved = await this.reserve(planned);
    const held = reserved.filter((r): r is Held => 'held' in r);
    const itemsOf = held.length > 0 ? await writeLines(tx, held) : new Map<string, CartItemRow[]>();
    for (const r of reserved) {
      const { index, change, cartId } = r.plan;
      if ('error' in r) outcomes[index] = { ok: false, error: r.error };
      else {
        const items = (itemsOf.get(cartId) ?? []).map((row) => toCartItem(row, undefined, false));
        outcomes[index] = { ok: true, value: toCartDto(change.userId, items, locked[0].at) };
      }
    }
    return outcomes;
  }

  /** One `reserveBatch` call for every planned change; each gets its reservation or its own error. */
  private async reserve(planned: Planned[]): Promise<(Held | { plan: Planned; error: AppError })[]> {
    if (planned.length === 0) return [];
    const items: ReserveStockRequest[] = planned.map((p) => ({
      ownerId: cartReservationOwner(p.change.userId),
      productId: p.change.productId,
      quantity: p.quantity,
      ttlMs: this.reservationTtlMs,
    }));
    const { outcomes } = await this.rpc.call(
      InventoryRpc.reserveBatch,
      { items },
      batchContext(planned.map((p) => p.change.ctx)),
    );
    return planned.map((plan, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) return { plan, held: outcome.reservation };
      const error = outcome
        ? new AppError(outcome.error.code, outcome.error.message, outcome.error.details)
        : new AppError(ErrorCode.Internal, 'Inventory answered no outcome for this reservation');
      return { plan, error };
    });
  }
}

/** Stores the reserved lines with COMMIT; resolves with every item of their carts, by cart id. */
async function writeLines(tx: TransactionControl, held: Held[]): Promise<Map<string, CartItemRow[]>> {
  const lines = held.map(({ plan, held: r }) => ({
    cart_id: plan.cartId,
    product_id: plan.change.productId,
    quantity: plan.quantity,
    name: r.name,
    image_url: r.imageUrl,
    price_minor: r.price.amountMinor,
    currency: r.price.currency,
    last_available: r.available,
    reserved_until: r.expiresAt,
  }));
  // One JSON value: written in as a literal (one round trip with COMMIT) unless it holds a backslash.
  const rows = await tx.commitWith<CartItemRow & { cart_id: string }>(WRITE_LINES_SQL, [
    JSON.stringify(lines),
  ]);
  const itemsOf = new Map<string, CartItemRow[]>();
  for (const row of rows) {
    const items = itemsOf.get(row.cart_id) ?? [];
    items.push(row);
    itemsOf.set(row.cart_id, items);
  }
  return itemsOf;
}

/**
 * The context of a batch's inventory call: the first request's correlation id (its logs name that request)
 * and the latest deadline, so no request is cut short by another's (a request past its own deadline only
 * gets an answer nobody waits for).
 */
function batchContext(contexts: RequestContext[]): RequestContext {
  const deadlines = contexts.map((c) => c.deadline);
  const deadline = deadlines.every((d): d is number => d !== undefined) ? Math.max(...deadlines) : undefined;
  return { correlationId: contexts[0].correlationId, caller: { service: 'cart' }, deadline };
}

/** An array literal of values that passed PLAIN_USER_ID or are checked UUIDs. */
function arrayOf(values: string[], type: 'text' | 'uuid'): string {
  return `ARRAY[${values.map(sqlLiteral).join(',')}]::${type}[]`;
}

import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { ErrorCode, InventoryRpc, ReservationDto, cartReservationOwner } from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { MESSAGING_OPTIONS, MessagingOptions, RpcClient } from '@shop/messaging';
import { CartEnv } from '../config/cart.env';
import { PendingHold } from './pending-hold.entity';

/** A cart line's wanted hold: the line's quantity in total (0 releases the hold). */
export interface LineHold {
  userId: string;
  productId: string;
  quantity: number;
}

/** What inventory answered for one line: its hold, or why it refused. */
export type HoldOutcome = { ok: true; reservation: ReservationDto } | { ok: false; error: AppError };

/**
 * The cart's side of inventory holds. A cart changes a line inside a transaction that holds the cart's lock,
 * asking inventory to set the hold to the line's new quantity before it stores the line; inventory commits
 * the hold first. `whilePending` records such a change before it starts and clears the record once the line
 * is stored, so a hold whose line never got stored (the instance died, or the transaction failed after
 * inventory answered) is found and settled by the HoldReconciler.
 */
@Injectable()
export class CartHolds {
  private readonly ttlMs: number;

  constructor(
    private readonly ds: DataSource,
    private readonly rpc: RpcClient,
    config: ConfigService<CartEnv, true>,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.ttlMs = config.get('CART_RESERVATION_TTL_MS', { infer: true });
  }

  /** Sets every line's hold (one `reserveBatch` call); each line gets its hold or its own refusal. */
  async set(ctx: RequestContext, lines: readonly LineHold[]): Promise<HoldOutcome[]> {
    if (lines.length === 0) return [];
    const { outcomes } = await this.rpc.call(
      InventoryRpc.reserveBatch,
      {
        items: lines.map((l) => ({
          ownerId: cartReservationOwner(l.userId),
          productId: l.productId,
          quantity: l.quantity,
          ttlMs: this.ttlMs,
        })),
      },
      ctx,
    );
    return lines.map((_, i): HoldOutcome => {
      const outcome = outcomes[i];
      if (outcome?.ok) return { ok: true, reservation: outcome.reservation };
      return {
        ok: false,
        error: outcome
          ? new AppError(outcome.error.code, outcome.error.message, outcome.error.details)
          : new AppError(ErrorCode.Internal, 'Inventory answered no outcome for this reservation'),
      };
    });
  }

  /**
   * Runs `work` (a cart transaction that sets these lines' holds before it stores them) with the lines
   * recorded as pending: the record is committed before `work` starts and cleared once it has committed. When
   * `work` fails the record stays, and the HoldReconciler settles the holds after the grace period.
   */
  async whilePending<T>(
    lines: readonly { userId: string; productId: string }[],
    work: () => Promise<T>,
  ): Promise<T> {
    const keys = uniqueLines(lines);
    if (keys.length === 0) return work();
    const token = randomUUID();
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(PendingHold)
      .values(
        keys.map((l) => ({ ...l, token, instanceId: this.options.instanceId, recordedAt: () => 'now()' })),
      )
      .orUpdate(['token', 'instance_id', 'recorded_at'], ['user_id', 'product_id'])
      .execute();
    const result = await work();
    // A later change of the same lines recorded its own token: its record stays until it is done.
    await this.ds.getRepository(PendingHold).delete({ token });
    return result;
  }
}

function uniqueLines(lines: readonly { userId: string; productId: string }[]) {
  const seen = new Map(lines.map((l) => [`${l.userId}|${l.productId}`, l]));
  // In key order: two changes recording overlapping lines never wait for each other in a cycle.
  return [...seen.values()]
    .map(({ userId, productId }) => ({ userId, productId }))
    .sort((a, b) => compare(a.userId, b.userId) || compare(a.productId, b.productId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

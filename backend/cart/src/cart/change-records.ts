import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager, In, LessThan, QueryDeepPartialEntity } from 'typeorm';
import { CartDto, ErrorCode, MAX_IDEMPOTENCY_KEY_LENGTH } from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { CartChangeRecord, RecordedOutcome } from './cart-change-record.entity';
import { BatchOutcome } from './change-batcher';

/** How long the outcome of a keyed change is kept: a replay within this time is answered with it. */
export const CHANGE_RECORD_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** How often an instance deletes records older than the retention. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Refusals that say what the change itself met (not enough stock, no such line, a bad quantity): the same
 * change sent again would meet them again, so they are its outcome. Any other failure (busy, no instance, no
 * answer in time) is not recorded, and the same key sent later applies the change then.
 */
const FINAL_REFUSALS: readonly ErrorCode[] = [ErrorCode.BadRequest, ErrorCode.NotFound, ErrorCode.OutOfStock];

/** A keyed cart change: who sent it, its key, and what it asks (the same key must ask the same). */
export interface KeyedChange {
  userId: string;
  key: string;
  request: string;
}

/** The idempotency key of a request, checked: undefined when none was sent. */
export function changeKey(key: string | undefined): string | undefined {
  if (key === undefined || key === '') return undefined;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw AppError.badRequest(
      `The Idempotency-Key header must have at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    );
  return key;
}

/**
 * The first outcome of every keyed cart change (CartChangeRecord). A change looks its key up and records
 * its outcome inside its own cart transaction, after taking the cart's lock: changes of one cart are
 * serialized, so two copies of one change (a replay, a retry on another instance) never both apply, and the
 * record commits with the change it reports or not at all.
 */
@Injectable()
export class ChangeRecords implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ds: DataSource,
    private readonly logger: AppLogger,
  ) {}

  /** The recorded outcomes of these changes, keyed `<user id>|<key>` (call with the carts locked). */
  async find(em: EntityManager, changes: readonly KeyedChange[]): Promise<Map<string, CartChangeRecord>> {
    if (changes.length === 0) return new Map();
    const rows = await em.getRepository(CartChangeRecord).findBy({
      userId: In(changes.map((c) => c.userId)),
      key: In(changes.map((c) => c.key)),
    });
    return new Map(rows.map((r) => [`${r.userId}|${r.key}`, r]));
  }

  /** The recorded outcome of one change, or undefined (call with the cart locked). */
  async findOne(em: EntityManager, change: KeyedChange): Promise<BatchOutcome<CartDto> | undefined> {
    const record = (await this.find(em, [change])).get(`${change.userId}|${change.key}`);
    return record && replay(record, change);
  }

  /** Records the outcomes of changes that have a final one, in the transaction that applied them. */
  async save(
    em: EntityManager,
    done: readonly { change: KeyedChange; outcome: BatchOutcome<CartDto> }[],
  ): Promise<void> {
    const rows = done.flatMap(({ change, outcome }) => {
      const recorded = toRecorded(outcome);
      if (!recorded) return [];
      // The outcome is stored as JSON as it is (TypeORM's partial type cannot follow `details: unknown`).
      const row = { userId: change.userId, key: change.key, request: change.request, outcome: recorded };
      return [row as QueryDeepPartialEntity<CartChangeRecord>];
    });
    if (rows.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(CartChangeRecord)
      .values(rows)
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes the records older than the retention; how many. */
  async sweep(now = Date.now()): Promise<number> {
    try {
      const { affected } = await this.ds
        .getRepository(CartChangeRecord)
        .delete({ createdAt: LessThan(new Date(now - CHANGE_RECORD_RETENTION_MS)) });
      return affected ?? 0;
    } catch (err) {
      this.logger.write('warn', `Deleting old cart change records failed: ${(err as Error).message}`, {
        context: 'ChangeRecords',
      });
      return 0;
    }
  }
}

/** What a recorded change answers when its key comes again; a key reused for another change is refused. */
export function replay(record: CartChangeRecord, change: KeyedChange): BatchOutcome<CartDto> {
  if (record.request !== change.request)
    return {
      ok: false,
      error: new AppError(
        ErrorCode.IdempotencyMismatch,
        `This Idempotency-Key was already used for another cart change (${record.request})`,
        { request: record.request },
      ),
    };
  const o = record.outcome;
  if (o.ok) return { ok: true, value: o.cart };
  return { ok: false, error: new AppError(o.code, o.message, o.details) };
}

function toRecorded(outcome: BatchOutcome<CartDto>): RecordedOutcome | undefined {
  if (outcome.ok) return { ok: true, cart: outcome.value };
  const error = outcome.error;
  if (!(error instanceof AppError) || !FINAL_REFUSALS.includes(error.code)) return undefined;
  return { ok: false, code: error.code, message: error.message, details: error.details };
}

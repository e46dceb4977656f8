import { Prng } from '../prng';
import { Admin, StockLevel } from './admin';
import { sleep } from './caller';
import { Catalogue } from './catalogue';
import { Restock } from './ledger';
import { MAX_HOT_UNITS } from './shopper';
import { Recorder } from './recorder';

/**
 * Units one restock adds: more than any single order can take or give back of a hot product (at most
 * MAX_HOT_UNITS), so after a restock without a definite answer the stock row tells whether it applied.
 */
export const RESTOCK_UNITS = 17;
const LOW = 2;

/** The admin refilling the hot products when they run low, as a shop keeper would during a sale. */
export class Restocker {
  constructor(
    private readonly admin: Admin,
    private readonly catalogue: Catalogue,
    private readonly recorder: Recorder,
    private readonly rng: Prng,
    readonly restocks: Restock[],
  ) {
    if (RESTOCK_UNITS <= MAX_HOT_UNITS) throw new Error('RESTOCK_UNITS must exceed MAX_HOT_UNITS');
  }

  async run(stopped: () => boolean): Promise<void> {
    while (!stopped()) {
      await sleep(Math.round(this.rng.between(8000, 16_000)));
      if (stopped()) return;
      const listed = await this.admin.listStock();
      if (!listed.data) continue;
      const hot = new Set(this.catalogue.hot.map((p) => p.id));
      for (const level of listed.data) {
        if (stopped()) return;
        if (hot.has(level.productId) && level.available <= LOW) await this.restock(level);
      }
    }
  }

  private async restock(level: StockLevel): Promise<void> {
    const atMs = this.recorder.now();
    const toOnHand = level.onHand + RESTOCK_UNITS;
    const r = await this.admin.setStock(level.productId, toOnHand, level.version);
    let outcome: Restock['outcome'];
    if (r.ok) outcome = 'applied';
    else if (r.status === 409 && r.attempts === 1) outcome = 'not-applied';
    else outcome = await this.resolve(level, toOnHand);
    this.restocks.push({
      productId: level.productId,
      atMs,
      expectedVersion: level.version,
      fromOnHand: level.onHand,
      toOnHand,
      outcome,
    });
  }

  /** After a restock without a definite answer: what the stock row says now. */
  private async resolve(before: StockLevel, toOnHand: number): Promise<Restock['outcome']> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = (await this.admin.listStock()).data?.find((l) => l.productId === before.productId);
      if (!now) {
        await sleep(2000);
        continue;
      }
      if (now.version === before.version) return 'not-applied';
      if (now.version === before.version + 1) return now.onHand === toOnHand ? 'applied' : 'not-applied';
      return 'unknown';
    }
    return 'unknown';
  }
}

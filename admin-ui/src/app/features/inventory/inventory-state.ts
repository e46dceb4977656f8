import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { CacheStats, StockLevel } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { CacheStateStream } from './cache-state-stream';
import { InventoryApi } from './inventory-api';

export function isLow(level: StockLevel): boolean {
  return level.available <= level.lowStockThreshold;
}

/**
 * Stock levels and per-instance cache figures for Inventory Control. The cache figures arrive over the
 * gateway's cache stream. A stock edit shows at once; the server checks the version the admin saw: a stale
 * one (409) reloads the current figures and says which version won.
 */
@Injectable()
export class InventoryState {
  private readonly api = inject(InventoryApi);
  private readonly cacheStream = inject(CacheStateStream);

  readonly rows = signal<readonly StockLevel[]>([]);
  readonly loaded = signal(false);
  readonly loadError = signal<string | undefined>(undefined);
  /** Every live inventory instance's cache figures, by instance id. */
  readonly cache = computed<readonly CacheStats[]>(() =>
    [...(this.cacheStream.value()?.instances ?? [])].sort((a, b) => a.instanceId.localeCompare(b.instanceId)),
  );
  readonly cacheError = this.cacheStream.problem.asReadonly();
  readonly cacheStreamState = this.cacheStream.state;
  readonly saving = signal<ReadonlySet<string>>(new Set());
  readonly notice = signal<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  readonly filter = signal('');
  readonly lowOnly = signal(false);

  readonly lowCount = computed(() => this.rows().filter(isLow).length);
  readonly visible = computed(() => {
    const q = this.filter().trim().toLowerCase();
    return this.rows().filter(
      (r) =>
        (!this.lowOnly() || isLow(r)) &&
        (!q || r.name.toLowerCase().includes(q) || r.sku.toLowerCase().includes(q)),
    );
  });

  /** Loads the stock levels and follows the cache figures while the page is shown. */
  start(destroyRef: DestroyRef): void {
    this.load();
    destroyRef.onDestroy(this.cacheStream.connect());
  }

  load(): void {
    this.api.list().subscribe({
      next: (rows) => {
        this.rows.set(rows);
        this.loaded.set(true);
        this.loadError.set(undefined);
      },
      error: (err: unknown) => this.loadError.set(toProblem(err).message),
    });
  }

  /** Saves new on-hand stock (and threshold) against the version shown. */
  save(productId: string, onHand: number, lowStockThreshold?: number): void {
    const before = this.rows().find((r) => r.productId === productId);
    if (!before) return;
    if (!Number.isInteger(onHand) || onHand < 0) {
      this.notice.set({ kind: 'error', text: `${before.name}: stock must be a whole number of at least 0.` });
      return;
    }
    const threshold = lowStockThreshold ?? before.lowStockThreshold;
    this.notice.set(undefined);
    this.replace({
      ...before,
      onHand,
      lowStockThreshold: threshold,
      available: Math.max(0, onHand - before.reserved),
    });
    this.mark(productId, true);
    this.api
      .update(productId, { onHand, expectedVersion: before.version, lowStockThreshold: threshold })
      .subscribe({
        next: (saved) => {
          this.mark(productId, false);
          this.replace(saved);
          this.notice.set({
            kind: 'ok',
            text: `${saved.name}: ${saved.onHand} on hand (version ${saved.version}).`,
          });
        },
        error: (err: unknown) => {
          this.mark(productId, false);
          const problem = toProblem(err);
          if (problem.code === 'VERSION_CONFLICT') {
            const current = problem.details?.['currentVersion'];
            this.notice.set({
              kind: 'error',
              text:
                `${before.name} was changed meanwhile: it is at version ${String(current ?? '?')}, ` +
                `you edited version ${before.version}. The current figures are loaded; apply your change again if it still holds.`,
            });
            this.load();
            return;
          }
          this.replace(before);
          this.notice.set({ kind: 'error', text: `${before.name}: ${problem.message}` });
        },
      });
  }

  private replace(row: StockLevel): void {
    this.rows.update((rows) => rows.map((r) => (r.productId === row.productId ? row : r)));
  }

  private mark(productId: string, on: boolean): void {
    this.saving.update((set) => {
      const next = new Set(set);
      if (on) next.add(productId);
      else next.delete(productId);
      return next;
    });
  }
}

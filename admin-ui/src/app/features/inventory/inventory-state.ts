import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { CacheStats, StockLevel } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { InventoryApi } from './inventory-api';

export const CACHE_STATS_EVERY_MS = 2000;

export function isLow(level: StockLevel): boolean {
  return level.available <= level.lowStockThreshold;
}

/**
 * Stock levels and per-instance cache figures for Inventory Control. A stock edit shows at once; the server
 * checks the version the admin saw: a stale one (409) reloads the current figures and says which version won.
 */
@Injectable()
export class InventoryState {
  private readonly api = inject(InventoryApi);

  readonly rows = signal<readonly StockLevel[]>([]);
  readonly loaded = signal(false);
  readonly loadError = signal<string | undefined>(undefined);
  readonly cache = signal<readonly CacheStats[]>([]);
  readonly cacheError = signal<string | undefined>(undefined);
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

  startPolling(destroyRef: DestroyRef): void {
    this.load();
    this.loadCache();
    const timer = setInterval(() => this.loadCache(), CACHE_STATS_EVERY_MS);
    destroyRef.onDestroy(() => clearInterval(timer));
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

  loadCache(): void {
    this.api.cacheStats().subscribe({
      next: (stats) => {
        this.cache.set([...stats].sort((a, b) => a.instanceId.localeCompare(b.instanceId)));
        this.cacheError.set(undefined);
      },
      error: (err: unknown) => this.cacheError.set(toProblem(err).message),
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

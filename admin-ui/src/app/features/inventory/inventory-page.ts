import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CacheStats, StockLevel } from '@shop/contracts';
import { formatAge, formatCount, formatMs } from '../../core/format/format';
import { ClusterConfigStream } from '../controls/cluster-config-stream';
import { InventoryState, isLow } from './inventory-state';

interface Draft {
  onHand?: number;
  threshold?: number;
}

/** Inventory Control: stock levels with versioned edits, low-stock highlight, per-instance cache figures. */
@Component({
  selector: 'adm-inventory-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  providers: [InventoryState],
  template: `
    <header class="page-head">
      <h1>Inventory Control</h1>
      @if (mode(); as mode) {
        <span class="pill" [class.warn]="mode === 'eventual'" data-testid="consistency"
          >consistency: {{ mode }}</span
        >
        <a routerLink="/controls" class="small">change</a>
      }
      <span class="muted">{{ state.rows().length }} products · {{ state.lowCount() }} low on stock</span>
      <button type="button" (click)="state.load()">Reload</button>
    </header>

    <section class="caches">
      @for (c of state.cache(); track c.instanceId) {
        <article class="card cache" [attr.data-instance]="c.instanceId">
          <h2>{{ c.instanceId }}</h2>
          <dl>
            <dt>Entries</dt>
            <dd>{{ formatCount(c.entries) }}</dd>
            <dt>Hits / misses</dt>
            <dd>{{ formatCount(c.hits) }} / {{ formatCount(c.misses) }} ({{ hitRatio(c) }})</dd>
            <dt>TTL</dt>
            <dd>{{ formatMs(c.ttlMs) }}</dd>
            <dt>Last invalidation</dt>
            <dd>
              {{ invalidated(c) }}
              @if (c.lastInvalidationKeys?.length) {
                <div class="muted small">{{ c.lastInvalidationKeys!.slice(0, 3).join(', ') }}</div>
              }
            </dd>
          </dl>
        </article>
      } @empty {
        <p class="card empty">
          {{ state.cacheError() ?? 'Asking every inventory instance for its cache figures…' }}
        </p>
      }
    </section>

    @if (state.cacheError() && state.cache().length > 0) {
      <p class="notice error small">Cache figures: {{ state.cacheError() }}</p>
    }

    @if (state.notice(); as n) {
      <p class="notice" [class.error]="n.kind === 'error'" role="status">{{ n.text }}</p>
    }

    <section class="card">
      <div class="filters">
        <input
          type="search"
          placeholder="Filter by name or SKU"
          aria-label="Filter"
          (input)="state.filter.set($any($event.target).value)"
        />
        <label
          ><input type="checkbox" (change)="state.lowOnly.set($any($event.target).checked)" /> low stock
          only</label
        >
      </div>
      @if (state.loadError(); as e) {
        <p class="notice error">{{ e }}</p>
      } @else if (!state.loaded()) {
        <p class="muted">Loading stock levels…</p>
      }
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>SKU</th>
              <th>Product</th>
              <th class="num">On hand</th>
              <th class="num">Reserved</th>
              <th class="num">Available</th>
              <th class="num">Low below</th>
              <th class="num">Version</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (row of state.visible(); track row.productId) {
              <tr
                [attr.data-product]="row.productId"
                [class.low]="isLow(row)"
                [class.saving]="state.saving().has(row.productId)"
              >
                <td>
                  <code>{{ row.sku }}</code>
                </td>
                <td>{{ row.name }}</td>
                <td class="num">
                  <input
                    class="narrow"
                    type="number"
                    min="0"
                    aria-label="On hand"
                    [value]="row.onHand"
                    (input)="edit(row, { onHand: $any($event.target).valueAsNumber })"
                  />
                </td>
                <td class="num">{{ row.reserved }}</td>
                <td class="num available">{{ row.available }}</td>
                <td class="num">
                  <input
                    class="narrow"
                    type="number"
                    min="0"
                    aria-label="Low-stock threshold"
                    [value]="row.lowStockThreshold"
                    (input)="edit(row, { threshold: $any($event.target).valueAsNumber })"
                  />
                </td>
                <td class="num">{{ row.version }}</td>
                <td>
                  <button
                    type="button"
                    class="primary"
                    [disabled]="!changed(row) || state.saving().has(row.productId)"
                    (click)="save(row)"
                  >
                    Save
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styles: `
    .caches {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: 1rem;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.2rem 0.75rem;
      margin: 0;
    }
    dt {
      color: var(--muted);
    }
    dd {
      margin: 0;
      text-align: right;
      overflow-wrap: anywhere;
    }
    .filters {
      display: flex;
      gap: 1rem;
      align-items: center;
      margin-bottom: 0.75rem;
    }
    tr.low td {
      background: #fff7ed;
    }
    tr.low .available {
      color: var(--danger);
      font-weight: 700;
    }
    tr.saving {
      opacity: 0.6;
    }
  `,
})
export class InventoryPage {
  protected readonly state = inject(InventoryState);
  protected readonly formatCount = formatCount;
  protected readonly formatMs = formatMs;
  protected readonly isLow = isLow;
  private readonly drafts = signal<ReadonlyMap<string, Draft>>(new Map());

  /** The consistency mode is shown here (live) and changed under System Controls. */
  private readonly config = inject(ClusterConfigStream);
  protected readonly mode = computed(() => this.config.value()?.snapshot.config.consistency);

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.state.start(destroyRef);
    destroyRef.onDestroy(this.config.connect());
  }

  protected hitRatio(c: CacheStats): string {
    const total = c.hits + c.misses;
    return total === 0 ? '–' : `${Math.round((c.hits / total) * 100)}% hits`;
  }

  protected invalidated(c: CacheStats): string {
    if (!c.lastInvalidationAt) return 'never';
    return formatAge(Date.now() - Date.parse(c.lastInvalidationAt));
  }

  protected edit(row: StockLevel, change: Draft): void {
    this.drafts.update((map) => new Map(map).set(row.productId, { ...map.get(row.productId), ...change }));
  }

  protected changed(row: StockLevel): boolean {
    const draft = this.drafts().get(row.productId);
    if (!draft) return false;
    return (
      (draft.onHand !== undefined && draft.onHand !== row.onHand) ||
      (draft.threshold !== undefined && draft.threshold !== row.lowStockThreshold)
    );
  }

  protected save(row: StockLevel): void {
    const draft = this.drafts().get(row.productId) ?? {};
    this.drafts.update((map) => {
      const next = new Map(map);
      next.delete(row.productId);
      return next;
    });
    this.state.save(row.productId, draft.onHand ?? row.onHand, draft.threshold ?? row.lowStockThreshold);
  }
}

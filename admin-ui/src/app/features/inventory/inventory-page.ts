import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Inventory Control: arrives with the catalogue and inventory service. */
@Component({
  selector: 'adm-inventory-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-head"><h1>Inventory Control</h1></header>
    <section class="empty card">
      <h2>Coming with the catalogue and inventory service</h2>
      <p>This page will show:</p>
      <ul>
        <li>stock levels of every product (on hand, reserved, available) with low-stock highlighting;</li>
        <li>stock edits with optimistic versions: a stale edit is refused with the current version;</li>
        <li>each inventory instance's cache: entries, hits, misses and the last invalidation;</li>
        <li>the consistency mode (strong / eventual), also switchable under System Controls.</li>
      </ul>
      <p class="muted">It will read <code>/api/inventory</code> once that route exists.</p>
    </section>
  `,
})
export class InventoryPage {}

import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Order Interface: arrives with the order pipeline (queues, saga timelines, test orders). */
@Component({
  selector: 'adm-orders-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-head"><h1>Order Interface</h1></header>
    <section class="empty card">
      <h2>Coming with the order pipeline</h2>
      <p>This page will show, live:</p>
      <ul>
        <li>the VIP and normal queues: depth, processing rate and average / p95 wait per priority;</li>
        <li>every order with its status (PENDING → PROCESSING → COMPLETED, or FAILED with its reason);</li>
        <li>each order's saga timeline: step, outcome, instance and time;</li>
        <li>buttons to place test orders as a VIP or a normal shopper, with an idempotency key.</li>
      </ul>
      <p class="muted">The orders service and <code>/api/orders</code> are not available yet.</p>
    </section>
  `,
})
export class OrdersPage {}

import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Server Logs: arrives with the centralized log collector. */
@Component({
  selector: 'adm-logs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-head"><h1>Server Logs</h1></header>
    <section class="empty card">
      <h2>Coming with the log collector</h2>
      <p>
        Every instance already ships its logs to NATS (<code>&lt;prefix&gt;.logs.&lt;service&gt;</code>). This
        page will show them as one live stream:
      </p>
      <ul>
        <li>filters by service, instance, level and keyword;</li>
        <li>a click on a correlation id shows every line of that request across services;</li>
        <li>the domain events (ORDER_CREATED, PAYMENT_*, STOCK_LOW, …) as they happen.</li>
      </ul>
      <p class="muted">It will read <code>/api/logs</code> once that route exists.</p>
    </section>
  `,
})
export class LogsPage {}

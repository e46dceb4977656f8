import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { OrderDetailPage } from './order-detail-page';
import { declinedOrderDetail, logLine } from './test-order-detail';

const ID = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('OrderDetailPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function open() {
    const fixture = TestBed.createComponent(OrderDetailPage);
    fixture.componentRef.setInput('id', ID);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }
  const logsOf = (correlationId: string) =>
    backend.expectOne((r) => r.url === '/api/logs' && r.params.get('correlationId') === correlationId);

  it('shows the saga timeline with compensations, the payment record and the log lines of the order', async () => {
    const { fixture, el } = await open();
    backend.expectOne(`/api/admin/orders/${ID}`).flush(declinedOrderDetail());
    const logs = logsOf('corr-1');
    expect(logs.request.params.get('limit')).toBe('200');
    // Newest first from the API; shown oldest first.
    logs.flush({
      entries: [
        logLine('3', { service: 'payment', instanceId: 'payment-1', level: 'warn', message: 'declined' }),
        logLine('1', { service: 'gateway', instanceId: 'gateway-1', message: 'POST /api/admin/test-orders' }),
      ],
      scannedMessages: 4,
      firstSeq: 1,
      lastSeq: 9,
    });
    await fixture.whenStable();

    expect(el.querySelector('[data-testid=status]')?.textContent).toBe('FAILED');
    const rows = Array.from(el.querySelectorAll('table.timeline tbody tr'));
    expect(rows.map((r) => r.children[1].textContent?.trim())).toEqual([
      'ORDER_PLACED',
      'STOCK_DEDUCTED',
      'AUTHORIZE_PAYMENT',
      'COMPENSATION_STARTED',
      'STOCK_RESTORED',
      'FAILED',
    ]);
    expect(rows.map((r) => r.classList.contains('compensation'))).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(rows[2].getAttribute('data-outcome')).toBe('failed');
    expect(rows[4].textContent).toContain('orders-2');
    expect(rows[4].textContent).toContain('12:00:00.500');
    expect(el.querySelector('[data-testid=compensations]')?.textContent).toContain(
      'COMPENSATION_STARTED, STOCK_RESTORED',
    );
    const payment = el.querySelector('[data-testid=payment]')!;
    expect(payment.textContent).toContain('DECLINED');
    expect(payment.textContent).toContain('•••• 0002');
    expect(payment.textContent).toContain('The card was declined');
    const lines = Array.from(el.querySelectorAll('[data-testid=logs] li'));
    expect(lines.map((l) => l.textContent)).toEqual([
      expect.stringContaining('POST /api/admin/test-orders'),
      expect.stringContaining('declined'),
    ]);
    expect(el.querySelector('[data-testid=logs]')?.textContent).toContain('from gateway-1, payment-1');
    fixture.destroy();
  });

  it('shows the lines of another correlation id when it is clicked in the timeline', async () => {
    const { fixture, el } = await open();
    backend.expectOne(`/api/admin/orders/${ID}`).flush(declinedOrderDetail());
    const first = logsOf('corr-1');
    await fixture.whenStable();
    const sweep = Array.from(el.querySelectorAll<HTMLButtonElement>('button.link')).find(
      (b) => b.textContent?.trim() === 'corr-sweep',
    )!;
    sweep.click();
    await fixture.whenStable();
    // The first answer arrives late: it is not shown under the id now selected.
    first.flush({ entries: [logLine('1')], scannedMessages: 1, firstSeq: 1, lastSeq: 1 });
    logsOf('corr-sweep').flush({
      entries: [logLine('7', { correlationId: 'corr-sweep', message: 'sweeper failed the order' })],
      scannedMessages: 1,
      firstSeq: 1,
      lastSeq: 1,
    });
    await fixture.whenStable();
    const section = el.querySelector('[data-testid=logs]')!;
    expect(section.querySelector('h2')?.textContent).toContain('corr-sweep');
    expect(Array.from(section.querySelectorAll('li')).map((l) => l.textContent)).toEqual([
      expect.stringContaining('sweeper failed the order'),
    ]);
    expect(sweep.getAttribute('aria-pressed')).toBe('true');
    fixture.destroy();
  });

  it('says when the order does not exist, and when the payment service did not answer', async () => {
    const { fixture, el } = await open();
    backend
      .expectOne(`/api/admin/orders/${ID}`)
      .flush(
        { statusCode: 404, code: 'NOT_FOUND', message: `Order ${ID} not found` },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();
    expect(el.querySelector('.notice.error')?.textContent).toContain(`Order ${ID} not found`);

    fixture.componentRef.setInput('id', 'b1b2c3d4-0000-4000-8000-000000000002');
    await fixture.whenStable();
    const detail = declinedOrderDetail();
    backend
      .expectOne('/api/admin/orders/b1b2c3d4-0000-4000-8000-000000000002')
      .flush({ ...detail, payment: null, paymentError: 'payment service: did not answer in time' });
    logsOf('corr-1').flush({ entries: [], scannedMessages: 0, firstSeq: 0, lastSeq: 0 });
    await fixture.whenStable();
    expect(el.querySelector('.notice.error')?.textContent).not.toContain('not found');
    expect(el.querySelector('[data-testid=payment]')?.textContent).toContain('did not answer in time');
    expect(el.querySelector('[data-testid=logs]')?.textContent).toContain(
      'No log lines for this correlation id',
    );
    fixture.destroy();
  });
});

import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { OrdersPage } from './orders-page';
import { adminOrder, queueMetrics } from './test-orders';

describe('OrdersPage (Order Interface)', () => {
  let backend: HttpTestingController;
  let sources: ReturnType<typeof fakeEventSources>;

  beforeEach(() => {
    sources = fakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  it('shows both queues (VIP first) with depth, rate and waits, and the recent orders', async () => {
    const fixture = TestBed.createComponent(OrdersPage);
    await fixture.whenStable();
    sources.opened.find((s) => s.url.startsWith('/api/orders/queues/stream'))!.emit('queues', queueMetrics());
    backend
      .expectOne((r) => r.url === '/api/orders')
      .flush({
        items: [adminOrder({ status: 'FAILED', failureReason: 'Card declined' })],
        page: 1,
        pageSize: 20,
        total: 1,
      });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const queues = Array.from(el.querySelectorAll('.queue'));
    expect(queues.map((q) => q.getAttribute('data-priority'))).toEqual(['vip', 'normal']);
    expect(queues[0].querySelector('[data-testid=depth]')?.textContent).toBe('3');
    expect(queues[0].textContent).toContain('12.25');
    expect(queues[0].textContent).toContain('48 ms');
    expect(queues[1].textContent).toContain('15.0 s');
    expect(el.textContent).toContain('weights VIP 4 : normal 1');
    const row = el.querySelector('tr[data-order]')!;
    expect(row.textContent).toContain('FAILED');
    expect(row.textContent).toContain('Card declined');
    // Every order opens its detail (saga timeline, payment, logs).
    expect(row.querySelector('a')?.getAttribute('href')).toBe(`/orders/${adminOrder().id}`);
    expect(el.querySelector('[data-testid=place]')?.textContent).toContain('Place 1 VIP order');
    expect(el.textContent).toContain('generated VIP test shoppers');
    fixture.destroy();
  });

  it('charts depth, wait and completions per priority from the queue stream', async () => {
    const fixture = TestBed.createComponent(OrdersPage);
    await fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/orders').flush({ items: [], page: 1, pageSize: 20, total: 0 });
    const queues = sources.opened.find((s) => s.url.startsWith('/api/orders/queues/stream'))!;
    queues.emit('queues', queueMetrics());
    const later = queueMetrics();
    queues.emit('queues', {
      ...later,
      at: '2026-11-23T12:00:01.000Z',
      queues: later.queues.map((q) => ({ ...q, depth: q.priority === 'vip' ? 0 : 1100 })),
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const depth = el.querySelector('[data-chart=depth]')!;
    expect(depth.querySelector('[role=img]')?.getAttribute('aria-label')).toBe(
      'Orders waiting. Now: normal 1100, VIP 0',
    );
    expect(depth.querySelector('tr[data-series=vip]')?.textContent).toContain('3');
    expect(el.querySelector('[data-chart=wait] tr[data-series=normal]')?.textContent).toContain('8.00 s');
    expect(el.querySelector('[data-chart=completed] tr[data-series=vip]')?.textContent).toContain('735');
    backend.expectNone('/api/orders/queues');
    fixture.destroy();
  });
});

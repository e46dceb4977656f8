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

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: fakeEventSources().factory },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  it('shows both queues (VIP first) with depth, rate and waits, and the recent orders', async () => {
    const fixture = TestBed.createComponent(OrdersPage);
    await fixture.whenStable();
    backend.expectOne('/api/orders/queues').flush(queueMetrics());
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
});

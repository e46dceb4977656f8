import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { SessionStore, EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { VIP_USER, tokensFor } from '../../core/auth/test-tokens';
import { OrdersPage } from './orders-page';
import { order } from './test-orders';

describe('OrdersPage', () => {
  let backend: HttpTestingController;
  let sources: ReturnType<typeof fakeEventSources>;

  beforeEach(() => {
    localStorage.clear();
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
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
  });

  it('lists the orders and moves a status along as the order stream reports it', async () => {
    const fixture = TestBed.createComponent(OrdersPage);
    await fixture.whenStable();
    const tokens = TestBed.inject(SessionStore).accessToken()!;
    expect(sources.opened[0].url).toBe(`/api/orders/stream?access_token=${encodeURIComponent(tokens)}`);
    backend
      .expectOne((r) => r.url === '/api/orders')
      .flush({
        items: [
          order(),
          order({
            id: 'ffff0000-0000-4000-8000-000000000002',
            status: 'FAILED',
            failureReason: 'Card declined',
            priority: 'normal',
          }),
        ],
        page: 1,
        pageSize: 10,
        total: 2,
      });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = el.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('a1b2c3d4');
    expect(rows[0].textContent).toContain('VIP');
    expect(rows[0].textContent).toContain('$30.00');
    expect(rows[0].textContent).toContain('Confirmed · in queue');
    expect(rows[1].textContent).toContain('Card declined');

    sources.opened[0].emit('ready', { userId: 'u-vip' });
    sources.opened[0].emit('order-status', {
      event: 'ORDER_COMPLETED',
      at: '2026-11-23T12:00:05.000Z',
      orderId: order().id,
      userId: 'u-vip',
      email: 'vip@shop.local',
      priority: 'vip',
      status: 'COMPLETED',
      totalMinor: 3000,
      currency: 'USD',
      correlationId: 'corr-1',
    });
    await fixture.whenStable();
    expect(el.querySelector('.live')?.textContent).toContain('live');
    expect(el.querySelector('tbody tr')?.textContent).toContain('Completed');
    fixture.destroy();
    expect(sources.opened[0].closed).toBe(true);
  });
});

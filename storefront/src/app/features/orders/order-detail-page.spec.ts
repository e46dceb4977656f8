import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { SessionStore, EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { VIP_USER, tokensFor } from '../../core/auth/test-tokens';
import { OrderDetailPage } from './order-detail-page';
import { breakdown } from '../../core/pricing/test-pricing';
import { orderDetail } from './test-orders';

describe('OrderDetailPage', () => {
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

  it('shows lines, payment, progress and the saga timeline, and reloads on a status change', async () => {
    const detail = orderDetail();
    const fixture = TestBed.createComponent(OrderDetailPage);
    fixture.componentRef.setInput('id', detail.id);
    await fixture.whenStable();
    backend.expectOne(`/api/orders/${detail.id}`).flush(detail);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=status]')?.textContent).toContain('Confirmed · in queue');
    expect(el.textContent).toContain('VIP priority');
    expect(el.querySelector('[data-testid=payment]')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'AUTHORIZED · card ending 4242 (simulated)',
    );
    const timeline = Array.from(el.querySelectorAll('.timeline tbody tr')).map((r) => r.textContent ?? '');
    expect(timeline).toHaveLength(3);
    expect(timeline[2]).toContain('PAYMENT_AUTHORIZED');
    expect(timeline[2]).toContain('orders-2');
    expect(el.querySelectorAll('.progress li.done')).toHaveLength(2);

    sources.opened[0].emit('order-status', { ...detail, orderId: 'someone-else', status: 'COMPLETED' });
    backend.expectNone(`/api/orders/${detail.id}`);
    sources.opened[0].emit('order-status', {
      orderId: detail.id,
      status: 'PROCESSING',
      event: 'ORDER_PROCESSING',
    });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=status]')?.textContent).toContain('Confirmed · in queue');
    backend.expectOne(`/api/orders/${detail.id}`).flush({ ...detail, status: 'PROCESSING' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=status]')?.textContent).toContain('Processing');
    fixture.destroy();
  });

  it('shows the breakdown the order was charged with', async () => {
    const detail = orderDetail({ pricing: breakdown(), total: breakdown().total });
    const fixture = TestBed.createComponent(OrderDetailPage);
    fixture.componentRef.setInput('id', detail.id);
    await fixture.whenStable();
    backend.expectOne(`/api/orders/${detail.id}`).flush(detail);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const text = (id: string) => el.querySelector(`[data-testid=${id}]`)?.textContent?.trim();
    expect(text('subtotal')).toBe('$30.00');
    expect(text('discount')).toBe('−$3.00');
    expect(text('shipping')).toBe('$4.99');
    expect(text('tax')).toBe('$5.13');
    expect(text('total')).toBe('$37.12');
    fixture.destroy();
  });

  it('shows the total alone for an order without a breakdown', async () => {
    const detail = orderDetail();
    const fixture = TestBed.createComponent(OrderDetailPage);
    fixture.componentRef.setInput('id', detail.id);
    await fixture.whenStable();
    backend.expectOne(`/api/orders/${detail.id}`).flush(detail);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=breakdown]')).toBeNull();
    expect(el.querySelector('[data-testid=total]')?.textContent?.trim()).toBe('$30.00');
    fixture.destroy();
  });
});

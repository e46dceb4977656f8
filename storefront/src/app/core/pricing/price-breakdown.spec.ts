import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import type { PriceBreakdown } from '@shop/contracts';
import { PriceBreakdownView, formatRate } from './price-breakdown';
import { breakdown } from './test-pricing';

describe('PriceBreakdownView', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  });

  async function render(b: PriceBreakdown | undefined) {
    const fixture = TestBed.createComponent(PriceBreakdownView);
    fixture.componentRef.setInput('breakdown', b);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const text = (id: string) => el.querySelector(`[data-testid=${id}]`)?.textContent?.trim();
    const labels = Array.from(el.querySelectorAll('dt')).map((d) => d.textContent?.trim());
    return { el, text, labels };
  }

  it('shows a VIP order line by line: subtotal, discount, shipping, tax of the country, total', async () => {
    const { text, labels } = await render(breakdown());
    expect(labels).toEqual([
      'Subtotal',
      'VIP discount (10 %)',
      'Standard shipping',
      'Tax (19 %, Germany)',
      'Total',
    ]);
    expect(text('subtotal')).toBe('$30.00');
    expect(text('discount')).toBe('−$3.00');
    expect(text('shipping')).toBe('$4.99');
    expect(text('tax')).toBe('$5.13');
    expect(text('total')).toBe('$37.12');
  });

  it('leaves the discount out for a normal shopper and says when shipping is free', async () => {
    const { el, text, labels } = await render(
      breakdown({
        discount: { amountMinor: 0, currency: 'USD' },
        discountPercent: 0,
        subtotal: { amountMinor: 6000, currency: 'USD' },
        shipping: { amountMinor: 0, currency: 'USD' },
        freeShipping: true,
        tax: { amountMinor: 0, currency: 'USD' },
        taxRate: 0,
        country: 'US',
        total: { amountMinor: 6000, currency: 'USD' },
      }),
    );
    expect(el.querySelector('[data-testid=discount]')).toBeNull();
    expect(labels).toContain('Standard shipping (free over the threshold)');
    expect(text('shipping')).toBe('Free');
    expect(labels).toContain('Tax (0 %, United States)');
    expect(text('total')).toBe('$60.00');
  });

  it('names express shipping', async () => {
    const { labels, text } = await render(
      breakdown({ shippingMethod: 'express', shipping: { amountMinor: 1499, currency: 'USD' } }),
    );
    expect(labels).toContain('Express shipping');
    expect(text('shipping')).toBe('$14.99');
  });

  it('shows nothing without a breakdown', async () => {
    const { el } = await render(undefined);
    expect(el.querySelector('[data-testid=breakdown]')).toBeNull();
  });

  it('writes rates in basis points as percentages', () => {
    expect(formatRate(1900)).toBe('19 %');
    expect(formatRate(725)).toBe('7.25 %');
    expect(formatRate(0)).toBe('0 %');
  });
});

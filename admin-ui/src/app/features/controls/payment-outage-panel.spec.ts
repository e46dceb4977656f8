import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { ConfigCommand, PaymentProviderOverview } from '@shop/contracts';
import { EVENT_SOURCE_FACTORY, SessionStore, fakeEventSources } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../../core/auth/test-tokens';
import { PaymentOutagePanel } from './payment-outage-panel';

function overview(breaker: 'closed' | 'open' | 'half-open'): PaymentProviderOverview {
  return {
    outage: 'fail',
    instances: [
      {
        instanceId: 'payment-1',
        provider: 'simulated',
        breaker,
        consecutiveFailures: breaker === 'closed' ? 0 : 3,
        halfOpenAt: breaker === 'open' ? '2026-11-23T12:00:10.000Z' : undefined,
        providerCalls: 12,
      },
    ],
    unreachable: ['payment-2'],
    at: '2026-11-23T12:00:00.000Z',
  };
}

describe('PaymentOutagePanel', () => {
  let sources: ReturnType<typeof fakeEventSources>;

  beforeEach(() => {
    localStorage.clear();
    sources = fakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
    TestBed.inject(SessionStore).signIn(tokensFor(ADMIN_USER));
  });

  it('shows each payment instance’s breaker live from the stream, and closes the stream when it goes', async () => {
    const fixture = TestBed.createComponent(PaymentOutagePanel);
    fixture.componentRef.setInput('outage', 'fail');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(sources.opened[0].url).toContain('/api/admin/payment/provider/stream?access_token=');
    expect(el.querySelector('[aria-checked=true]')?.getAttribute('data-outage')).toBe('fail');

    sources.opened[0].emit('payment-provider', overview('open'));
    await fixture.whenStable();
    const row = el.querySelector('tr[data-instance="payment-1"]')!;
    expect(row.querySelector('[data-breaker]')?.textContent).toBe('open');
    expect(row.textContent).toContain('12:00:10');
    expect(el.querySelector('tr[data-instance="payment-2"]')?.textContent).toContain('did not answer');

    sources.opened[0].emit('payment-provider', overview('half-open'));
    sources.opened[0].emit('payment-provider', { broken: true });
    await fixture.whenStable();
    expect(el.querySelector('tr[data-instance="payment-1"] [data-breaker]')?.textContent).toBe('half-open');

    fixture.destroy();
    expect(sources.opened[0].closed).toBe(true);
  });

  it('switches the outage through a configuration command, and not to the mode already set', async () => {
    const fixture = TestBed.createComponent(PaymentOutagePanel);
    fixture.componentRef.setInput('outage', 'none');
    const commands: ConfigCommand[] = [];
    fixture.componentInstance.command.subscribe((c) => commands.push(c));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    el.querySelector<HTMLButtonElement>('[data-outage=none]')!.click();
    el.querySelector<HTMLButtonElement>('[data-outage=timeout]')!.click();
    expect(commands).toEqual([{ action: 'set-payment-outage', paymentOutage: 'timeout' }]);
    fixture.destroy();
  });
});

import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { OrderDto } from '@shop/contracts';
import { CheckoutState, IDEMPOTENCY_KEY_FACTORY } from './checkout-state';

const CARD = { cardNumber: '4242424242424242' };

describe('CheckoutState', () => {
  let backend: HttpTestingController;
  let state: CheckoutState;

  beforeEach(() => {
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        CheckoutState,
        { provide: IDEMPOTENCY_KEY_FACTORY, useValue: () => `key-${++n}` },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    state = TestBed.inject(CheckoutState);
  });

  afterEach(() => backend.verify());

  function nextPost() {
    return backend.expectOne({ method: 'POST', url: '/api/orders' });
  }

  it('sends the attempt key and reuses it when the first try got no answer', () => {
    state.submit(CARD);
    const first = nextPost();
    expect(first.request.headers.get('Idempotency-Key')).toBe('key-1');
    expect(first.request.body).toEqual(CARD);
    expect(state.canSubmit()).toBe(false);
    first.error(new ProgressEvent('error'), { status: 0, statusText: '' });
    expect(state.outcome()).toMatchObject({ kind: 'failed', failure: 'unknown' });

    state.submit(CARD);
    expect(state.outcome()).toEqual({ kind: 'submitting', retry: true });
    const retry = nextPost();
    expect(retry.request.headers.get('Idempotency-Key')).toBe('key-1');
    retry.flush({ id: 'o-1', status: 'PENDING' } as OrderDto, { status: 201, statusText: 'Created' });
    expect(state.outcome()).toMatchObject({ kind: 'placed', order: { id: 'o-1' } });
    expect(state.canSubmit()).toBe(false);
  });

  it('treats a checkout the orders service did not answer in time as unknown, and retries it with the same key', () => {
    state.submit(CARD);
    nextPost().flush(
      { statusCode: 503, code: 'TIMEOUT', message: 'orders.placeOrder did not answer in time' },
      { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '1' } },
    );
    expect(state.outcome()).toMatchObject({
      kind: 'failed',
      failure: 'unknown',
      title: 'We could not confirm your order',
    });
    expect(state.canSubmit()).toBe(true);
    state.submit(CARD);
    expect(nextPost().request.headers.get('Idempotency-Key')).toBe('key-1');
  });

  it('starts a new attempt after a declined card (the server recorded that order) and when details change', () => {
    state.submit({ cardNumber: '4000000000000002' });
    nextPost().flush(
      {
        statusCode: 402,
        code: 'PAYMENT_DECLINED',
        message: 'Card declined',
        details: { orderId: 'o-9', status: 'FAILED' },
      },
      { status: 402, statusText: 'Payment Required' },
    );
    expect(state.outcome()).toMatchObject({
      kind: 'failed',
      failure: 'declined',
      title: 'Your card was declined',
    });
    expect(state.key()).toBe('key-2');

    state.submit(CARD);
    const second = nextPost();
    expect(second.request.headers.get('Idempotency-Key')).toBe('key-2');
    second.error(new ProgressEvent('error'), { status: 0, statusText: '' });
    state.submit({ cardNumber: '5555555555554444' });
    expect(nextPost().request.headers.get('Idempotency-Key')).toBe('key-3');
  });

  it('holds a retry back for Retry-After seconds when the shop is busy', () => {
    vi.useFakeTimers();
    try {
      state.submit(CARD);
      nextPost().flush(
        {
          statusCode: 503,
          code: 'BUSY',
          message: 'Payment provider unavailable (circuit open)',
          details: { orderId: 'o-2' },
        },
        { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '5' } },
      );
      expect(state.outcome()).toMatchObject({ failure: 'busy', title: 'Payments are unavailable right now' });
      expect(state.secondsUntilRetry()).toBe(5);
      state.submit(CARD);
      backend.expectNone('/api/orders');
      vi.advanceTimersByTime(5_100);
      expect(state.secondsUntilRetry()).toBe(0);
      expect(state.canSubmit()).toBe(true);
      state.submit(CARD);
      expect(nextPost().request.headers.get('Idempotency-Key')).toBe('key-2');
    } finally {
      vi.useRealTimers();
    }
  });
});

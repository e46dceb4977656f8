import { TestBed } from '@angular/core/testing';
import { ErrorHandler, provideZonelessChangeDetection } from '@angular/core';
import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { ClientLogReport } from '@shop/contracts';
import { SessionStore, provideErrorReporting, toClientLogRecord } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../auth/test-tokens';

describe('error reporting to the centralized log', () => {
  let backend: HttpTestingController;

  const setUp = (ingestToken?: string) => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideErrorReporting({ app: 'admin-ui', ingestToken, delayMs: 1000 }),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    return TestBed.inject(ErrorHandler);
  };

  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    backend.verify();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("sends an administrator's errors together after the delay, each message once", () => {
    const handler = setUp();
    TestBed.inject(SessionStore).signIn(tokensFor(ADMIN_USER));
    handler.handleError(new TypeError('x is undefined'));
    handler.handleError(new TypeError('x is undefined'));
    handler.handleError('plain text');
    backend.expectNone('/api/logs');
    vi.advanceTimersByTime(1000);
    const req = backend.expectOne('/api/logs');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.has('X-Log-Ingest-Token')).toBe(false);
    const body = req.request.body as ClientLogReport;
    expect(body.app).toBe('admin-ui');
    expect(body.records.map((r) => r.message)).toEqual(['TypeError: x is undefined', 'plain text']);
    expect(body.records[0].stack).toContain('x is undefined');
    req.flush({ accepted: 2 }, { status: 202, statusText: 'Accepted' });
  });

  it('sends nothing for a visitor without the ingest token, and drops a failed report', () => {
    const handler = setUp();
    handler.handleError(new Error('not reported'));
    vi.advanceTimersByTime(5000);
    backend.expectNone('/api/logs');

    TestBed.inject(SessionStore).signIn(tokensFor(ADMIN_USER));
    handler.handleError(new Error('reported once'));
    vi.advanceTimersByTime(1000);
    backend.expectOne('/api/logs').flush(null, { status: 503, statusText: 'Unavailable' });
    vi.advanceTimersByTime(5000);
    backend.expectNone('/api/logs');
  });

  it('sends with the ingest token when the app has one, signed in or not', () => {
    const handler = setUp('ingest-123');
    handler.handleError(new Error('boom'));
    vi.advanceTimersByTime(1000);
    const req = backend.expectOne('/api/logs');
    expect(req.request.headers.get('X-Log-Ingest-Token')).toBe('ingest-123');
    req.flush({ accepted: 1 });
  });

  it('keeps at most 20 records for one request', () => {
    const handler = setUp('t');
    for (let i = 0; i < 30; i++) handler.handleError(new Error(`error ${i}`));
    vi.advanceTimersByTime(1000);
    const req = backend.expectOne('/api/logs');
    expect((req.request.body as ClientLogReport).records).toHaveLength(20);
    req.flush({ accepted: 20 });
  });
});

describe('toClientLogRecord', () => {
  const now = new Date('2026-01-01T12:00:00.000Z');

  it("names an API error's status, message and correlation id", () => {
    const error = new HttpErrorResponse({
      status: 500,
      statusText: 'Internal Server Error',
      url: '/api/orders',
      error: { message: 'Internal error', correlationId: 'c-42' },
    });
    expect(toClientLogRecord(error, '/orders', now)).toEqual({
      level: 'error',
      message: '500 Internal Server Error from /api/orders: Internal error',
      time: '2026-01-01T12:00:00.000Z',
      url: '/orders',
      correlationId: 'c-42',
    });
  });

  it('unwraps a rejected promise and cuts long messages', () => {
    const record = toClientLogRecord({ rejection: new Error('x'.repeat(5000)) }, '/', now);
    expect(record.message.length).toBe(2000);
    expect(record.message.startsWith('Error: xxx')).toBe(true);
  });
});

import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { SessionStore, EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../../core/auth/test-tokens';
import { LogsState } from './logs-state';
import { logEntry } from './test-logs';

describe('LogsState', () => {
  let backend: HttpTestingController;
  let sources: ReturnType<typeof fakeEventSources>;
  let state: LogsState;

  beforeEach(() => {
    localStorage.clear();
    sources = fakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        LogsState,
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
    TestBed.inject(SessionStore).signIn(tokensFor(ADMIN_USER));
    backend = TestBed.inject(HttpTestingController);
    state = TestBed.inject(LogsState);
  });

  afterEach(() => backend.verify());

  it('loads the newest page, follows live, and drops duplicates', () => {
    state.start();
    backend
      .expectOne((r) => r.url === '/api/logs' && r.params.get('limit') === '200')
      .flush({
        entries: [logEntry({ id: '101-0' }), logEntry()],
        nextBefore: '100-0',
        scannedMessages: 2,
        firstSeq: 1,
        lastSeq: 101,
      });
    expect(sources.opened[0].url).toMatch(/^\/api\/logs\/stream\?access_token=/);
    sources.opened[0].emit('log', logEntry({ id: '102-0', message: 'Payment authorized' }));
    sources.opened[0].emit('log', logEntry({ id: '101-0' }));
    sources.opened[0].emit('log', '{broken');
    expect(state.entries().map((e) => e.id)).toEqual(['102-0', '101-0', '100-0']);
    expect(state.liveState()).toBe('live');

    state.older();
    const older = backend.expectOne((r) => r.url === '/api/logs' && r.params.get('before') === '100-0');
    older.flush({ entries: [logEntry({ id: '99-0' })], scannedMessages: 1, firstSeq: 1, lastSeq: 101 });
    expect(state.entries().map((e) => e.id)).toEqual(['102-0', '101-0', '100-0', '99-0']);
    expect(state.nextBefore()).toBeUndefined();
  });

  it('filters by correlation id: the query and the live stream carry the filter', () => {
    state.start();
    backend
      .expectOne((r) => r.url === '/api/logs')
      .flush({ entries: [], scannedMessages: 0, firstSeq: 0, lastSeq: 0 });
    state.followCorrelation('corr-abc');
    const query = backend.expectOne((r) => r.url === '/api/logs');
    expect(query.request.params.get('correlationId')).toBe('corr-abc');
    expect(query.request.params.has('service')).toBe(false);
    query.flush({ entries: [logEntry()], scannedMessages: 1, firstSeq: 1, lastSeq: 1 });
    expect(sources.opened[0].closed).toBe(true);
    expect(sources.opened[1].url).toContain('correlationId=corr-abc');
    expect(state.filter()).toEqual({ correlationId: 'corr-abc' });
  });

  it('pauses and resumes one connection, and reopens it with the current filters after the browser gave up', () => {
    vi.useFakeTimers();
    try {
      state.start();
      backend
        .expectOne((r) => r.url === '/api/logs')
        .flush({ entries: [], scannedMessages: 0, firstSeq: 0, lastSeq: 0 });
      expect(state.liveState()).toBe('connecting');
      state.setFollowing(false);
      expect(sources.opened[0].closed).toBe(true);
      expect(state.liveState()).toBe('idle');
      state.setFollowing(true);
      state.setFollowing(true);
      expect(sources.opened).toHaveLength(2);

      state.setFilter({ service: 'orders' });
      backend
        .expectOne((r) => r.url === '/api/logs')
        .flush({ entries: [], scannedMessages: 0, firstSeq: 0, lastSeq: 0 });
      const current = sources.opened[2];
      current.readyState = 2;
      current.onerror?.call(current as unknown as EventSource, new Event('error'));
      expect(state.liveState()).toBe('reconnecting');
      vi.advanceTimersByTime(2000);
      expect(sources.opened).toHaveLength(4);
      expect(sources.opened[3].url).toContain('service=orders');
      expect(state.liveState()).toBe('reconnecting');
      sources.opened[3].onopen?.call(sources.opened[3] as unknown as EventSource, new Event('open'));
      expect(state.liveState()).toBe('live');
    } finally {
      vi.useRealTimers();
    }
  });

  it('searches a time range; the live stream leaves it out, and a range that ends stops following', () => {
    state.start();
    backend.expectOne((r) => r.url === '/api/logs').flush({ entries: [], firstSeq: 0, lastSeq: 0 });
    state.setFilter({ service: 'orders', from: '2026-01-01T10:00:00.000Z' });
    const since = backend.expectOne((r) => r.url === '/api/logs');
    expect(since.request.params.get('from')).toBe('2026-01-01T10:00:00.000Z');
    since.flush({ entries: [], firstSeq: 0, lastSeq: 0 });
    expect(sources.opened[1].url).toContain('service=orders');
    expect(sources.opened[1].url).not.toContain('from=');
    expect(state.following()).toBe(true);

    state.setFilter({ from: '2026-01-01T10:00:00.000Z', to: '2026-01-01T11:00:00.000Z' });
    const range = backend.expectOne((r) => r.url === '/api/logs');
    expect(range.request.params.get('to')).toBe('2026-01-01T11:00:00.000Z');
    range.flush({ entries: [logEntry()], firstSeq: 1, lastSeq: 1 });
    expect(state.following()).toBe(false);
    expect(sources.opened.every((s) => s.closed)).toBe(true);
  });
});

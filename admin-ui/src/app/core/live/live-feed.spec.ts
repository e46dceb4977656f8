import { Injectable, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EVENT_SOURCE_FACTORY, FakeEventSource, SessionStore, fakeEventSources } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../auth/test-tokens';
import { LiveFeed } from './live-feed';

interface Sample {
  n: number;
}
const isSample = (v: unknown): v is Sample => typeof (v as Sample | null)?.n === 'number';

@Injectable({ providedIn: 'root' })
class SampleFeed extends LiveFeed<Sample> {
  constructor() {
    super('/api/samples/stream', 'sample', isSample);
  }
}

describe('LiveFeed', () => {
  let opened: FakeEventSource[];

  beforeEach(() => {
    localStorage.clear();
    const sources = fakeEventSources();
    opened = sources.opened;
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
  });

  it('opens one connection with the token for every page that holds it, and closes it with the last', () => {
    const tokens = tokensFor(ADMIN_USER);
    TestBed.inject(SessionStore).signIn(tokens);
    const feed = TestBed.inject(SampleFeed);
    const a = feed.connect();
    const b = feed.connect();
    expect(opened.map((s) => s.url)).toEqual([
      `/api/samples/stream?access_token=${encodeURIComponent(tokens.accessToken)}`,
    ]);
    a();
    expect(opened[0].closed).toBe(false);
    b();
    expect(opened[0].closed).toBe(true);
    expect(feed.state()).toBe('idle');
  });

  it('publishes each valid value, skips malformed ones, and says why a sample is missing until the next', () => {
    const feed = TestBed.inject(SampleFeed);
    const seen: Sample[] = [];
    feed.values$.subscribe((v) => seen.push(v));
    feed.connect();
    opened[0].emit('sample', { n: 1 });
    opened[0].emit('sample', '{broken');
    opened[0].emit('sample', { m: 2 });
    expect(feed.value()).toEqual({ n: 1 });
    expect(feed.state()).toBe('live');
    opened[0].emit('unavailable', { at: 'x', code: 'UNAVAILABLE', message: 'No instance answered' });
    expect(feed.problem()).toBe('No instance answered');
    expect(feed.value()).toEqual({ n: 1 });
    opened[0].emit('sample', { n: 2 });
    expect(feed.problem()).toBeUndefined();
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('keeps the last value shown while it reconnects after the browser gave up', () => {
    vi.useFakeTimers();
    try {
      const feed = TestBed.inject(SampleFeed);
      feed.connect();
      opened[0].emit('sample', { n: 1 });
      opened[0].readyState = 2;
      opened[0].onerror?.call(opened[0] as unknown as EventSource, new Event('error'));
      expect(feed.state()).toBe('reconnecting');
      vi.advanceTimersByTime(2000);
      expect(opened).toHaveLength(2);
      expect(feed.state()).toBe('reconnecting');
      expect(feed.value()).toEqual({ n: 1 });
      opened[1].emit('sample', { n: 5 });
      expect(feed.state()).toBe('live');
    } finally {
      vi.useRealTimers();
    }
  });
});

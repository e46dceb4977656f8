import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { FakeEventSource, SessionStore, fakeEventSources } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../../core/auth/test-tokens';
import { ClusterHealthStream, EVENT_SOURCE_FACTORY } from './cluster-health-stream';
import { cluster, instance, service } from './test-health';

describe('ClusterHealthStream', () => {
  let opened: FakeEventSource[];

  beforeEach(() => {
    localStorage.clear();
    const sources = fakeEventSources();
    opened = sources.opened;
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
  });

  it('opens one shared connection with the access token and closes it when the last user leaves', () => {
    const tokens = tokensFor(ADMIN_USER);
    TestBed.inject(SessionStore).signIn(tokens);
    const stream = TestBed.inject(ClusterHealthStream);
    const releaseA = stream.connect();
    const releaseB = stream.connect();
    expect(opened).toHaveLength(1);
    expect(opened[0].url).toBe(
      `/api/services/health/stream?access_token=${encodeURIComponent(tokens.accessToken)}`,
    );
    expect(stream.state()).toBe('connecting');
    releaseA();
    releaseA();
    expect(opened[0].closed).toBe(false);
    releaseB();
    expect(opened[0].closed).toBe(true);
    expect(stream.state()).toBe('idle');
  });

  it('publishes each "health" event as the current picture and skips malformed ones', () => {
    const stream = TestBed.inject(ClusterHealthStream);
    stream.connect();
    const picture = cluster([
      service('inventory', [instance(), instance({ instanceId: 'inventory-2', status: 'down' })]),
    ]);
    opened[0].emit('health', JSON.stringify(picture));
    expect(stream.state()).toBe('live');
    expect(stream.health()?.services[0].instances.map((i) => i.status)).toEqual(['healthy', 'down']);
    opened[0].emit('health', '{broken');
    opened[0].emit('health', JSON.stringify({ nope: true }));
    // The summary anyone else gets (no instances) is not the console's picture.
    const summary = { view: 'summary', generatedAt: picture.generatedAt, services: [] };
    opened[0].emit('health', JSON.stringify(summary));
    expect(stream.health()).toEqual(picture);
  });

  it('opens a new connection after the browser gave up on the old one', () => {
    vi.useFakeTimers();
    try {
      const stream = TestBed.inject(ClusterHealthStream);
      stream.connect();
      opened[0].readyState = 2;
      opened[0].onerror?.call(opened[0] as unknown as EventSource, new Event('error'));
      expect(stream.state()).toBe('reconnecting');
      expect(opened[0].closed).toBe(true);
      vi.advanceTimersByTime(2000);
      expect(opened).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

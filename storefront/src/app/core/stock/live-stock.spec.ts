import { TestBed } from '@angular/core/testing';
import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { LiveStock } from './live-stock';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

@Component({ selector: 'sf-test-host', template: '', providers: [LiveStock] })
class Host {
  readonly ids = signal<string[]>(['b', 'a']);
}

describe('LiveStock', () => {
  let sources: ReturnType<typeof fakeEventSources>;

  beforeEach(() => {
    sources = fakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
  });

  function start() {
    const fixture = TestBed.createComponent(Host);
    const live = fixture.debugElement.injector.get(LiveStock);
    live.follow(() => fixture.componentInstance.ids());
    TestBed.tick();
    return { fixture, live };
  }

  it('opens one stream for the page, and a new one only when its products change', () => {
    const { fixture } = start();
    expect(sources.opened.map((s) => s.url)).toEqual(['/api/stock/stream?productIds=a,b']);
    fixture.componentInstance.ids.set(['a', 'b', 'a']);
    TestBed.tick();
    expect(sources.opened).toHaveLength(1);
    fixture.componentInstance.ids.set(['c']);
    TestBed.tick();
    expect(sources.opened[0].closed).toBe(true);
    expect(sources.opened.map((s) => s.url)).toEqual([
      '/api/stock/stream?productIds=a,b',
      '/api/stock/stream?productIds=c',
    ]);
    fixture.destroy();
    expect(sources.opened[1].closed).toBe(true);
  });

  it('applies the latest figures to a product and skips malformed messages', () => {
    const { live } = start();
    const product = { id: 'a', name: 'Lamp', available: 5, price: usd(1000) };
    expect(live.apply(product)).toBe(product);
    sources.opened[0].emit('stock', { items: [{ productId: 'a', available: 2, price: usd(900) }] });
    sources.opened[0].emit('stock', { items: [{ productId: 'a', available: 'none' }] });
    sources.opened[0].emit('stock', 'not json');
    expect(live.apply(product)).toEqual({ id: 'a', name: 'Lamp', available: 2, price: usd(900) });
    sources.opened[0].emit('stock', { items: [{ productId: 'a', available: 0, price: usd(900) }] });
    expect(live.of('a')?.available).toBe(0);
    expect(live.of('b')).toBeUndefined();
  });

  it('opens no stream while the page shows no product', () => {
    const { fixture } = start();
    fixture.componentInstance.ids.set([]);
    TestBed.tick();
    expect(sources.opened[0].closed).toBe(true);
    expect(sources.opened).toHaveLength(1);
  });
});

import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { defaultClusterConfig } from '@shop/contracts';
import { EVENT_SOURCE_FACTORY, FakeEventSource, fakeEventSources } from '@shop/web';
import { InventoryPage } from './inventory-page';
import { LAMP } from './test-stock';

describe('InventoryPage', () => {
  let backend: HttpTestingController;
  let opened: FakeEventSource[];
  const source = (path: string) => opened.find((s) => s.url.startsWith(path))!;

  beforeEach(() => {
    const sources = fakeEventSources();
    opened = sources.opened;
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
  });

  it('highlights low stock, shows each instance cache and saves an edited row with its version', async () => {
    const fixture = TestBed.createComponent(InventoryPage);
    await fixture.whenStable();
    expect(opened.map((s) => s.url.split('?')[0]).sort()).toEqual([
      '/api/inventory/cache/stream',
      '/api/services/config/stream',
    ]);
    source('/api/services/config/stream').emit('config', {
      snapshot: { revision: 2, config: { ...defaultClusterConfig(), consistency: 'eventual' } },
      history: [],
    });
    backend
      .expectOne('/api/inventory')
      .flush([
        LAMP,
        { ...LAMP, productId: 'p-2', sku: 'HOME-002', name: 'Chair', onHand: 3, reserved: 0, available: 3 },
      ]);
    source('/api/inventory/cache/stream').emit('cache', {
      at: new Date().toISOString(),
      instances: [
        { instanceId: 'inventory-2', entries: 4, hits: 30, misses: 10, ttlMs: 300000 },
        {
          instanceId: 'inventory-1',
          entries: 9,
          hits: 90,
          misses: 10,
          ttlMs: 300000,
          lastInvalidationAt: new Date().toISOString(),
          lastInvalidationKeys: ['product:p-1'],
        },
      ],
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=consistency]')?.textContent).toContain('eventual');
    const caches = Array.from(el.querySelectorAll('.cache'));
    expect(caches.map((c) => c.getAttribute('data-instance'))).toEqual(['inventory-1', 'inventory-2']);
    expect(caches[0].textContent).toContain('90% hits');
    expect(caches[0].textContent).toContain('product:p-1');
    expect(el.querySelector('tr[data-product=p-2]')?.classList.contains('low')).toBe(true);
    expect(el.querySelector('tr[data-product=p-1]')?.classList.contains('low')).toBe(false);

    const row = el.querySelector('tr[data-product=p-1]')!;
    const save = row.querySelector('button') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    const input = row.querySelector('input[aria-label="On hand"]') as HTMLInputElement;
    input.value = '12';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(save.disabled).toBe(false);
    save.click();
    const put = backend.expectOne({ method: 'PUT', url: '/api/inventory/p-1' });
    expect(put.request.body).toEqual({ onHand: 12, expectedVersion: 3, lowStockThreshold: 5 });
    fixture.destroy();
    expect(opened.every((s) => s.closed)).toBe(true);
  });

  it('follows the cache figures and the consistency mode as they change, without asking again', async () => {
    const fixture = TestBed.createComponent(InventoryPage);
    await fixture.whenStable();
    backend.expectOne('/api/inventory').flush([LAMP]);
    const el = fixture.nativeElement as HTMLElement;
    const cache = source('/api/inventory/cache/stream');
    const config = source('/api/services/config/stream');
    const figures = (hits: number, ids = ['inventory-1']) => ({
      at: new Date().toISOString(),
      instances: ids.map((instanceId) => ({ instanceId, entries: 1, hits, misses: 0, ttlMs: 1000 })),
    });
    cache.emit('cache', figures(5));
    config.emit('config', { snapshot: { revision: 1, config: defaultClusterConfig() }, history: [] });
    await fixture.whenStable();
    expect(el.querySelector('.cache')?.textContent).toContain('5 / 0');
    expect(el.querySelector('[data-testid=consistency]')?.textContent).toContain('strong');

    cache.emit('cache', figures(8, ['inventory-1', 'inventory-3']));
    config.emit('config', {
      snapshot: { revision: 2, config: { ...defaultClusterConfig(), consistency: 'eventual' } },
      history: [],
    });
    await fixture.whenStable();
    expect(Array.from(el.querySelectorAll('.cache')).map((c) => c.getAttribute('data-instance'))).toEqual([
      'inventory-1',
      'inventory-3',
    ]);
    expect(el.querySelector('.cache')?.textContent).toContain('8 / 0');
    expect(el.querySelector('[data-testid=consistency]')?.textContent).toContain('eventual');

    cache.emit('unavailable', { at: new Date().toISOString(), code: 'UNAVAILABLE', message: 'No answer' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Cache figures: No answer');
    backend.expectNone('/api/inventory/cache');
    backend.expectNone('/api/services/config');
    fixture.destroy();
  });
});

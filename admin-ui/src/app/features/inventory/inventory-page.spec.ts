import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { defaultClusterConfig } from '@shop/contracts';
import { InventoryPage } from './inventory-page';
import { LAMP } from './test-stock';

describe('InventoryPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  it('highlights low stock, shows each instance cache and saves an edited row with its version', async () => {
    const fixture = TestBed.createComponent(InventoryPage);
    await fixture.whenStable();
    backend
      .expectOne('/api/services/config')
      .flush({ revision: 2, config: { ...defaultClusterConfig(), consistency: 'eventual' } });
    backend
      .expectOne('/api/inventory')
      .flush([
        LAMP,
        { ...LAMP, productId: 'p-2', sku: 'HOME-002', name: 'Chair', onHand: 3, reserved: 0, available: 3 },
      ]);
    backend.expectOne('/api/inventory/cache').flush([
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
    ]);
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
  });
});

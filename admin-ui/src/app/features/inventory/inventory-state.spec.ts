import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { InventoryState } from './inventory-state';
import { LAMP } from './test-stock';

describe('InventoryState', () => {
  let backend: HttpTestingController;
  let state: InventoryState;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        InventoryState,
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    state = TestBed.inject(InventoryState);
    state.load();
    backend
      .expectOne('/api/inventory')
      .flush([LAMP, { ...LAMP, productId: 'p-2', name: 'Chair', available: 2 }]);
  });

  afterEach(() => backend.verify());

  it('shows the edit at once and sends the version it was made against', () => {
    state.save('p-1', 8);
    expect(state.rows()[0]).toMatchObject({ onHand: 8, available: 4 });
    const put = backend.expectOne({ method: 'PUT', url: '/api/inventory/p-1' });
    expect(put.request.body).toEqual({ onHand: 8, expectedVersion: 3, lowStockThreshold: 5 });
    put.flush({ ...LAMP, onHand: 8, available: 4, version: 4 });
    expect(state.rows()[0].version).toBe(4);
    expect(state.notice()?.text).toContain('version 4');
    expect(state.lowCount()).toBe(2);
  });

  it('on a stale version says which version won and reloads the current figures', () => {
    state.save('p-1', 50);
    backend.expectOne({ method: 'PUT', url: '/api/inventory/p-1' }).flush(
      {
        statusCode: 409,
        code: 'VERSION_CONFLICT',
        message: 'Stale version',
        details: { productId: 'p-1', currentVersion: 5, expectedVersion: 3 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(state.notice()).toEqual({
      kind: 'error',
      text: 'Desk lamp was changed meanwhile: it is at version 5, you edited version 3. The current figures are loaded; apply your change again if it still holds.',
    });
    backend.expectOne('/api/inventory').flush([{ ...LAMP, onHand: 30, available: 26, version: 5 }]);
    expect(state.rows()[0]).toMatchObject({ onHand: 30, version: 5 });
  });

  it('puts the row back when the update fails for another reason, and refuses negative stock', () => {
    state.save('p-1', -1);
    backend.expectNone({ method: 'PUT' });
    expect(state.notice()?.kind).toBe('error');
    state.save('p-1', 9);
    backend
      .expectOne({ method: 'PUT', url: '/api/inventory/p-1' })
      .flush(
        { statusCode: 503, code: 'UNAVAILABLE', message: 'No inventory instance answered' },
        { status: 503, statusText: 'x' },
      );
    expect(state.rows()[0]).toEqual(LAMP);
    expect(state.notice()?.text).toBe('Desk lamp: No inventory instance answered');
  });
});

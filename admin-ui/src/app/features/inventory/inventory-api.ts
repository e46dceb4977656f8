import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { CacheStats, StockLevel } from '@shop/contracts';

/** Body of `PUT /api/inventory/:productId` (the version the admin saw; a stale one gets 409). */
export interface StockEdit {
  onHand: number;
  expectedVersion: number;
  lowStockThreshold?: number;
}

/** `/api/inventory` routes (admin only). */
@Injectable({ providedIn: 'root' })
export class InventoryApi {
  private readonly http = inject(HttpClient);

  list(): Observable<StockLevel[]> {
    return this.http.get<StockLevel[]>('/api/inventory');
  }

  cacheStats(): Observable<CacheStats[]> {
    return this.http.get<CacheStats[]>('/api/inventory/cache');
  }

  update(productId: string, edit: StockEdit): Observable<StockLevel> {
    return this.http.put<StockLevel>(`/api/inventory/${encodeURIComponent(productId)}`, edit);
  }
}

import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { CategoryDto, ListProductsRequest, ProductPage, ProductResult } from '@shop/contracts';

/** The catalogue routes of the gateway; browsing needs no account. */
@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly http = inject(HttpClient);

  list(query: ListProductsRequest): Observable<ProductPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<ProductPage>('/api/products', { params });
  }

  get(id: string): Observable<ProductResult> {
    return this.http.get<ProductResult>(`/api/products/${encodeURIComponent(id)}`);
  }

  categories(): Observable<CategoryDto[]> {
    return this.http.get<CategoryDto[]>('/api/categories');
  }
}

import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { OrderDetailDto, OrderDto, OrderPage, PlaceOrderRequest } from '@shop/contracts';

/** The shopper's order routes of the gateway. */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly http = inject(HttpClient);

  /** Places an order; the key identifies this checkout attempt (a repeat with it never orders twice). */
  place(request: PlaceOrderRequest, idempotencyKey: string): Observable<OrderDto> {
    return this.http.post<OrderDto>('/api/orders', request, {
      headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
    });
  }

  list(page: number, pageSize = 10): Observable<OrderPage> {
    return this.http.get<OrderPage>('/api/orders', { params: { page, pageSize } });
  }

  get(id: string): Observable<OrderDetailDto> {
    return this.http.get<OrderDetailDto>(`/api/orders/${encodeURIComponent(id)}`);
  }
}

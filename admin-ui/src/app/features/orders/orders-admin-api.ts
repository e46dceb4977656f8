import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { OrderDto, OrderPage, PlaceOrderRequest, QueueMetricsDto, StockLevel } from '@shop/contracts';

/** The order routes the Order Interface uses. */
@Injectable({ providedIn: 'root' })
export class OrdersAdminApi {
  private readonly http = inject(HttpClient);

  queues(): Observable<QueueMetricsDto> {
    return this.http.get<QueueMetricsDto>('/api/orders/queues');
  }

  /** Everyone's orders, newest first (admins see all). */
  recent(pageSize = 20): Observable<OrderPage> {
    return this.http.get<OrderPage>('/api/orders', { params: { page: 1, pageSize } });
  }

  stock(): Observable<StockLevel[]> {
    return this.http.get<StockLevel[]>('/api/inventory');
  }

  /** Places an order as a shopper (with that shopper's token), so its tier decides the queue. */
  placeAs(accessToken: string, request: PlaceOrderRequest, idempotencyKey: string): Observable<OrderDto> {
    return this.http.post<OrderDto>('/api/e-commerce/orders', request, {
      headers: new HttpHeaders({ Authorization: `Bearer ${accessToken}`, 'Idempotency-Key': idempotencyKey }),
    });
  }
}

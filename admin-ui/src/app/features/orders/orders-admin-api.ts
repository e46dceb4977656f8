import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { OrderPage, QueueMetricsDto, TestOrdersRequest, TestOrdersResult } from '@shop/contracts';

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

  /**
   * Places test orders for generated test shoppers of a tier (the tier decides the queue). The order `n` of the
   * batch gets the idempotency key `<idempotencyKey>:<n>`.
   */
  testOrders(request: TestOrdersRequest, idempotencyKey: string): Observable<TestOrdersResult> {
    return this.http.post<TestOrdersResult>('/api/admin/test-orders', request, {
      headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
    });
  }
}

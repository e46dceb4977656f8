import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { AdminOrderDetail, LogPage } from '@shop/contracts';

/** Lines of one correlation id the order detail shows at most. */
export const ORDER_LOG_LIMIT = 200;

/** The operator's order detail (`GET /api/admin/orders/:id`) and the log lines of a correlation id. */
@Injectable({ providedIn: 'root' })
export class OrderDetailApi {
  private readonly http = inject(HttpClient);

  order(id: string): Observable<AdminOrderDetail> {
    return this.http.get<AdminOrderDetail>(`/api/admin/orders/${encodeURIComponent(id)}`);
  }

  /** The centralized log's lines of one request, newest first. */
  logs(correlationId: string): Observable<LogPage> {
    return this.http.get<LogPage>('/api/logs', { params: { correlationId, limit: ORDER_LOG_LIMIT } });
  }
}

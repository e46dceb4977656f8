import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { LogFilter, LogPage, LogQuery } from '@shop/contracts';

export const LOG_STREAM_URL = '/api/logs/stream';

/** Only the filters that are set, as query parameters. */
export function filterParams(filter: LogFilter | LogQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/** The centralized log routes (admin only). */
@Injectable({ providedIn: 'root' })
export class LogsApi {
  private readonly http = inject(HttpClient);

  query(query: LogQuery): Observable<LogPage> {
    return this.http.get<LogPage>('/api/logs', { params: filterParams(query) });
  }
}

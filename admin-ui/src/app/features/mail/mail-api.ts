import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ListMailRequest, ReceivedMailDto } from '@shop/contracts';

/** `/api/notifications/mail` (admin only): the mail the local SMTP sink received, newest first. */
@Injectable({ providedIn: 'root' })
export class MailApi {
  private readonly http = inject(HttpClient);

  list(query: ListMailRequest): Observable<ReceivedMailDto[]> {
    let params = new HttpParams();
    if (query.to) params = params.set('to', query.to);
    if (query.limit !== undefined) params = params.set('limit', String(query.limit));
    return this.http.get<ReceivedMailDto[]>('/api/notifications/mail', { params });
  }
}

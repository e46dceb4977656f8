import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ChaosRunState, ChaosStartRequest, ChaosStatus } from '@shop/contracts';

export const CHAOS_URL = '/api/admin/chaos';

/** Chaos mode through the admin API: start a run, stop it early, read the current or last one. */
@Injectable({ providedIn: 'root' })
export class ChaosApi {
  private readonly http = inject(HttpClient);

  start(request: ChaosStartRequest): Observable<ChaosRunState> {
    return this.http.post<ChaosRunState>(CHAOS_URL, request);
  }

  stop(): Observable<ChaosRunState> {
    return this.http.delete<ChaosRunState>(CHAOS_URL);
  }

  status(): Observable<ChaosStatus> {
    return this.http.get<ChaosStatus>(CHAOS_URL);
  }
}

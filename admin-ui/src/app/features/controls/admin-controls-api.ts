import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ScaleCommand, ScaleResult, SupervisorStatus } from '@shop/contracts';

/** The local supervisor through the admin API: what it runs, and scaling a service. */
@Injectable({ providedIn: 'root' })
export class AdminControlsApi {
  private readonly http = inject(HttpClient);

  supervisor(): Observable<SupervisorStatus> {
    return this.http.get<SupervisorStatus>('/api/admin/supervisor');
  }

  scale(command: ScaleCommand): Observable<ScaleResult> {
    return this.http.post<ScaleResult>('/api/admin/supervisor/scale', command);
  }
}

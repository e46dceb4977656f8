import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ClusterConfigChange, ClusterConfigSnapshot, ConfigCommand } from '@shop/contracts';

/** `GET/POST /api/services/config` and `GET /api/services/config/history` (admin only). */
@Injectable({ providedIn: 'root' })
export class ClusterConfigApi {
  private readonly http = inject(HttpClient);

  get(): Observable<ClusterConfigSnapshot> {
    return this.http.get<ClusterConfigSnapshot>('/api/services/config');
  }

  history(): Observable<ClusterConfigChange[]> {
    return this.http.get<ClusterConfigChange[]>('/api/services/config/history');
  }

  /** Applies one command; the answer is the new configuration with its revision. */
  send(command: ConfigCommand): Observable<ClusterConfigSnapshot> {
    return this.http.post<ClusterConfigSnapshot>('/api/services/config', command);
  }
}

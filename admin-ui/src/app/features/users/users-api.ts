import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ListUsersRequest, UserDto, UserPage, UserTier } from '@shop/contracts';

/** `/api/users` (admin only). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: ListUsersRequest): Observable<UserPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<UserPage>('/api/users', { params });
  }

  setTier(userId: string, tier: UserTier): Observable<UserDto> {
    return this.http.patch<UserDto>(`/api/users/${encodeURIComponent(userId)}/tier`, { tier });
  }
}

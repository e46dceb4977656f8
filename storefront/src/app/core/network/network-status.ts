import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/**
 * Whether the browser says it is online (`navigator.onLine`, then its `online` / `offline` events). Offline
 * is certain (no request can leave); online only means a request may get through.
 */
@Injectable({ providedIn: 'root' })
export class NetworkStatus {
  private readonly state = signal(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  readonly online = this.state.asReadonly();

  constructor() {
    if (typeof window === 'undefined') return;
    const online = () => this.state.set(true);
    const offline = () => this.state.set(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    });
  }
}

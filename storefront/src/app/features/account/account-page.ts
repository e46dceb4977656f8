import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { UserDto } from '@shop/contracts';
import { loadOnChange } from '../../core/api/loadable';
import { AuthApi, SessionStore } from '@shop/web';
import { ProblemState } from '../../core/ui/problem-state';
import { formatDateTime } from '../orders/order-status';

/** The signed-in shopper (`GET /api/auth/me`): e-mail, role, tier badge, and signing out. */
@Component({
  selector: 'sf-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ProblemState],
  template: `
    <h1>Your account</h1>
    @switch (state().status) {
      @case ('loading') {
        <p class="muted">Loading…</p>
      }
      @case ('error') {
        <sf-problem-state [error]="error()" what="Your account" />
      }
      @case ('ok') {
        @if (user(); as u) {
          <section class="account">
            <div class="who">
              <strong class="email">{{ u.email }}</strong>
              <span class="tier" [class.vip]="u.tier === 'vip'" data-testid="tier">{{
                u.tier === 'vip' ? 'VIP' : 'Standard'
              }}</span>
              @if (u.role === 'admin') {
                <span class="tier admin">Admin</span>
              }
            </div>
            <p class="muted">Member since {{ since(u) }}</p>
            <p>
              @if (u.tier === 'vip') {
                As a VIP your orders go to the priority queue and are processed first.
              } @else {
                Your orders go to the standard queue. VIP shoppers are processed first.
              }
            </p>
            <div class="actions">
              <a class="button" routerLink="/orders">Your orders</a>
              <a class="button" routerLink="/cart">Your cart</a>
              <button type="button" class="danger" (click)="signOut()">Sign out</button>
            </div>
          </section>
        }
      }
    }
  `,
  styles: `
    .account {
      max-width: 560px;
      padding: 1.25rem;
      background: var(--surface);
      border: 1px solid var(--line);
      border-radius: 12px;
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.6rem;
      font-size: 1.15rem;
    }
    .email {
      overflow-wrap: anywhere;
    }
    .tier {
      padding: 0.1rem 0.55rem;
      border-radius: 6px;
      background: var(--line);
      font-size: 0.8rem;
      font-weight: 700;
    }
    .tier.vip {
      background: #fbbf24;
      color: #422006;
    }
    .tier.admin {
      background: #1e293b;
      color: #fff;
    }
    .actions {
      display: flex;
      gap: 0.6rem;
      flex-wrap: wrap;
    }
    .danger {
      color: var(--danger);
      border-color: #fecaca;
    }
  `,
})
export class AccountPage {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly state = loadOnChange(
    () => this.session.accessToken(),
    () => this.http.get<UserDto>('/api/auth/me'),
  );
  protected readonly user = computed(() => {
    const s = this.state();
    return s.status === 'ok' ? s.value : undefined;
  });
  protected readonly error = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : undefined;
  });

  protected since(user: UserDto): string {
    return formatDateTime(user.createdAt);
  }

  protected signOut(): void {
    this.auth.logout();
    void this.router.navigate(['/']);
  }
}

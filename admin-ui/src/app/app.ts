import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthApi, SessionStore } from '@shop/web';

/** The console shell: navigation on the left, the current page on the right (on phones, a bar above it). */
@Component({
  selector: 'adm-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  template: `
    @if (session.isSignedIn()) {
      <nav class="sidebar" aria-label="Console">
        <a class="brand" routerLink="/services">Shop&nbsp;Admin</a>
        @for (link of links; track link.path) {
          <a [routerLink]="link.path" routerLinkActive="active">{{ link.label }}</a>
        }
        <div class="who">
          <span class="small">{{ session.user()?.email }}</span>
          <button type="button" (click)="signOut()">Sign out</button>
        </div>
      </nav>
    }
    <main [class.full]="!session.isSignedIn()">
      <router-outlet />
    </main>
  `,
  styles: `
    :host {
      display: flex;
      min-height: 100vh;
    }
    .sidebar {
      display: flex;
      flex-direction: column;
      gap: 0.15rem;
      width: 190px;
      flex-shrink: 0;
      background: #111827;
      padding: 1rem 0.75rem;
    }
    .sidebar a {
      color: #d1d5db;
      text-decoration: none;
      padding: 0.45rem 0.6rem;
      border-radius: 6px;
    }
    .sidebar a:hover,
    .sidebar a.active {
      background: #1f2937;
      color: #fff;
    }
    .brand {
      font-weight: 700;
      font-size: 1.1rem;
      color: #34d399 !important;
      margin-bottom: 0.75rem;
    }
    .who {
      margin-top: auto;
      display: grid;
      gap: 0.4rem;
      color: #9ca3af;
      word-break: break-all;
    }
    main {
      flex: 1;
      min-width: 0;
      padding: 1.25rem 1.5rem;
    }
    /* Phones: the navigation becomes a wrapping bar above the page. */
    @media (max-width: 720px) {
      :host {
        flex-direction: column;
      }
      .sidebar {
        width: auto;
        flex-direction: row;
        flex-wrap: wrap;
        align-items: center;
        padding: 0.5rem;
      }
      .sidebar a {
        padding: 0.35rem 0.5rem;
      }
      .brand {
        margin-bottom: 0;
        flex-basis: 100%;
      }
      .who {
        margin-top: 0.25rem;
        flex-basis: 100%;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
      }
      main {
        padding: 0.75rem;
      }
    }
  `,
})
export class App {
  protected readonly session = inject(SessionStore);
  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);

  protected readonly links = [
    { path: '/services', label: 'Service Monitor' },
    { path: '/orders', label: 'Order Interface' },
    { path: '/inventory', label: 'Inventory Control' },
    { path: '/controls', label: 'System Controls' },
    { path: '/logs', label: 'Server Logs' },
    { path: '/mail', label: 'Mail' },
    { path: '/users', label: 'Users' },
  ];

  protected signOut(): void {
    this.auth.logout();
    void this.router.navigate(['/login']);
  }
}

import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthApi, SessionStore } from '@shop/web';
import { CartMessages } from './core/cart/cart-messages';
import { CartState } from './core/cart/cart-state';

/** Header (navigation, cart count, sign-in state), the current page, and a footer. */
@Component({
  selector: 'sf-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, CartMessages],
  template: `
    <a class="skip-link" href="#content" (click)="skipToContent($event)">Skip to content</a>
    <header class="site-header">
      <a class="brand" routerLink="/">Distributed&nbsp;Shop</a>
      <nav aria-label="Main">
        <a routerLink="/" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }">Home</a>
        <a routerLink="/shop" routerLinkActive="active">Shop</a>
        @if (session.isSignedIn()) {
          <a routerLink="/orders" routerLinkActive="active">Orders</a>
        }
      </nav>
      <div class="account">
        <a class="cart" routerLink="/cart" routerLinkActive="active">
          Cart
          <span class="badge" data-testid="cart-count" [class.pending]="cart.changing()">{{
            cart.count()
          }}</span><span class="visually-hidden"
            >{{ cart.count() === 1 ? ' item' : ' items' }}{{ cart.changing() ? ', saving' : '' }}</span
          >
        </a>
        @if (session.user(); as user) {
          <a class="who" routerLink="/account">
            {{ user.email }}
            @if (session.isVip()) {
              <span class="vip">VIP</span>
            }
          </a>
          <button type="button" (click)="signOut()">Sign out</button>
        } @else {
          <a routerLink="/login" routerLinkActive="active">Sign in</a>
          <a class="button primary" routerLink="/register">Register</a>
        }
      </div>
    </header>
    <main id="content" tabindex="-1">
      <router-outlet />
    </main>
    <sf-cart-messages />
    <footer class="site-footer muted small">
      Distributed Shop · a NestJS + NATS + Angular demo platform
    </footer>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    .skip-link {
      position: absolute;
      left: 0.5rem;
      top: -3rem;
      z-index: 20;
      padding: 0.5rem 1rem;
      border-radius: 8px;
      background: var(--surface);
    }
    .skip-link:focus {
      top: 0.5rem;
    }
    .site-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1.5rem;
      padding: 0.75rem 1.5rem;
      background: var(--surface);
      border-bottom: 1px solid var(--line);
      position: sticky;
      top: 0;
      z-index: 10;
    }
    .brand {
      font-weight: 700;
      font-size: 1.2rem;
      color: var(--accent);
      text-decoration: none;
    }
    nav,
    .account {
      display: flex;
      align-items: center;
      gap: 1rem;
    }
    .account {
      margin-left: auto;
    }
    nav a,
    .account > a:not(.button) {
      color: inherit;
      text-decoration: none;
    }
    nav a.active,
    .account > a.active:not(.button) {
      color: var(--accent);
      font-weight: 600;
    }
    .who {
      overflow-wrap: anywhere;
    }
    .badge {
      display: inline-block;
      min-width: 1.4rem;
      padding: 0 0.35rem;
      border-radius: 999px;
      background: var(--accent);
      color: #fff;
      font-size: 0.8rem;
      text-align: center;
    }
    .who {
      color: var(--muted);
    }
    /* The count includes changes the server has not answered yet. */
    .badge.pending {
      background: var(--surface);
      color: var(--accent);
      outline: 2px dashed var(--accent);
      outline-offset: -2px;
    }
    .vip {
      margin-left: 0.25rem;
      padding: 0 0.4rem;
      border-radius: 4px;
      background: #fbbf24;
      color: #422006;
      font-size: 0.75rem;
      font-weight: 700;
    }
    main {
      flex: 1;
      width: 100%;
      max-width: 1200px;
      margin: 0 auto;
      padding: 1.5rem;
    }
    main:focus {
      outline: none;
    }
    /* A phone: the brand and the cart on the first row, the pages and the account links below them. */
    @media (max-width: 640px) {
      .site-header {
        padding: 0.6rem 1rem;
        gap: 0.5rem 1rem;
      }
      .account {
        display: contents;
      }
      .cart {
        order: 1;
        margin-left: auto;
      }
      nav {
        order: 2;
      }
      .account > :not(.cart) {
        order: 3;
      }
      main {
        padding: 1rem;
      }
    }
    .site-footer {
      text-align: center;
      padding: 1rem;
      border-top: 1px solid var(--line);
    }
  `,
})
export class App {
  protected readonly session = inject(SessionStore);
  protected readonly cart = inject(CartState);
  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);

  /** Moves the focus to the page content without changing the route (the link's hash would). */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    document.getElementById('content')?.focus();
  }

  protected signOut(): void {
    this.auth.logout();
    void this.router.navigate(['/']);
  }
}

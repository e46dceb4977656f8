import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NetworkStatus } from '../network/network-status';
import { CartState } from './cart-state';

/**
 * The cart's live regions, once for the whole app: confirmed changes in a polite status, refused ones in an
 * alert that stays until dismissed, and, while changes wait for the connection, how many are kept. Both regions are always in the page (empty when there is nothing to
 * say), so screen readers announce what is added to them; what they hold floats at the bottom of the
 * viewport, so it is seen wherever the shopper has scrolled to.
 */
@Component({
  selector: 'sf-cart-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="alert" class="region">
      @for (p of cart.problems(); track p.id) {
        <p class="message problem" [attr.data-product]="p.productId">
          <span>{{ p.message }}</span>
          <button
            type="button"
            class="dismiss"
            [attr.aria-label]="'Dismiss: ' + p.message"
            (click)="cart.dismiss(p.id)"
          >
            Dismiss
          </button>
        </p>
      }
    </div>
    <div role="status" class="region">
      @if (waiting(); as text) {
        <p class="message waiting" data-testid="cart-waiting">{{ text }}</p>
      }
      @if (cart.notice(); as n) {
        <p class="message done">{{ n.message }}</p>
      }
    </div>
  `,
  styles: `
    :host {
      position: fixed;
      left: 1rem;
      right: 1rem;
      bottom: 1rem;
      z-index: 30;
      max-width: 34rem;
      margin: 0 auto;
      display: grid;
      gap: 0.5rem;
      pointer-events: none;
    }
    .region {
      display: grid;
      gap: 0.5rem;
    }
    .message {
      pointer-events: auto;
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin: 0;
      padding: 0.65rem 0.9rem;
      border-radius: 10px;
      border: 1px solid;
      box-shadow: 0 4px 14px rgb(15 23 42 / 15%);
      overflow-wrap: anywhere;
    }
    .problem {
      background: #fef2f2;
      border-color: var(--danger);
      color: #7f1d1d;
    }
    .waiting {
      background: #fffbeb;
      border-color: var(--warn);
      color: #78350f;
    }
    .done {
      background: #f0fdf4;
      border-color: var(--ok);
      color: #14532d;
    }
    .dismiss {
      margin-left: auto;
      flex: none;
    }
  `,
})
export class CartMessages {
  protected readonly cart = inject(CartState);
  private readonly network = inject(NetworkStatus);

  protected readonly waiting = computed(() => {
    const count = this.cart.pendingCount();
    if (!this.cart.waiting() || count === 0) return undefined;
    const changes = count === 1 ? '1 cart change is' : `${count} cart changes are`;
    return this.network.online()
      ? `The shop cannot be reached: ${changes} kept on this device and sent as soon as it answers.`
      : `You are offline: ${changes} kept on this device and sent when the connection returns.`;
  });
}

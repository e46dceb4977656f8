import type { CartDto } from '@shop/contracts';
import type { CartChange } from './cart-changes';

/** A cart change as kept on the device until the server answered it. */
export interface StoredChange {
  /** The change's Idempotency-Key: the server applies it once, however often it is sent. */
  readonly key: string;
  readonly change: CartChange;
  /** True once it waited for the connection (its answer may differ from what the shopper saw). */
  readonly waited: boolean;
}

/** What one shopper's cart keeps in localStorage: the changes not answered yet and the last answered cart. */
export interface StoredCart {
  readonly changes: readonly StoredChange[];
  readonly cart?: CartDto;
}

const PREFIX = 'shop.cart.';

function storageKey(userId: string): string {
  return `${PREFIX}${userId}`;
}

function isChange(value: unknown): value is StoredChange {
  const v = value as Partial<StoredChange> | null;
  const c = v?.change as Partial<CartChange> | undefined;
  return (
    typeof v?.key === 'string' &&
    typeof c?.productId === 'string' &&
    typeof c.name === 'string' &&
    (c.kind === 'remove' ||
      ((c.kind === 'add' || c.kind === 'set') && Number.isInteger((c as { quantity?: unknown }).quantity)))
  );
}

/** The shopper's stored cart; what cannot be read (missing, malformed, storage refused) is left out. */
export function readStoredCart(userId: string): StoredCart {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    if (!raw) return { changes: [] };
    const parsed = JSON.parse(raw) as Partial<StoredCart> | null;
    const changes = Array.isArray(parsed?.changes) ? parsed.changes.filter(isChange) : [];
    const cart = parsed?.cart && Array.isArray(parsed.cart.items) ? parsed.cart : undefined;
    return { changes: changes.map((c) => ({ ...c, waited: c.waited === true })), cart };
  } catch {
    return { changes: [] };
  }
}

/** Stores the shopper's cart; nothing at all when there is nothing to keep. */
export function writeStoredCart(userId: string, stored: StoredCart): void {
  try {
    if (stored.changes.length === 0 && !stored.cart) localStorage.removeItem(storageKey(userId));
    else localStorage.setItem(storageKey(userId), JSON.stringify(stored));
  } catch {
    // Storage full or refused: the changes still live in this page.
  }
}

/**
 * A new Idempotency-Key. `crypto.randomUUID` exists in secure contexts only (HTTPS, localhost); elsewhere
 * the same version-4 layout is made from `crypto.getRandomValues`, which every browser has.
 */
export function newChangeKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

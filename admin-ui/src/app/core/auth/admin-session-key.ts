import type { Provider } from '@angular/core';
import { SESSION_STORAGE_KEY } from '@shop/web';

/** The console keeps its session apart from the storefront's (`shop.session`), so each app signs in on its own. */
export const ADMIN_SESSION_KEY = 'shop.admin.session';

export function provideAdminSessionKey(): Provider {
  return { provide: SESSION_STORAGE_KEY, useValue: ADMIN_SESSION_KEY };
}

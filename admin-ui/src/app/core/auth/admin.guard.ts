import { inject } from '@angular/core';
import { CanActivateChildFn, Router } from '@angular/router';
import { SessionStore } from '@shop/web';

/** Pages of the console need a signed-in admin; everyone else goes to the login page. */
export const adminGuard: CanActivateChildFn = (_route, state) => {
  const session = inject(SessionStore);
  if (session.isSignedIn() && session.isAdmin()) return true;
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

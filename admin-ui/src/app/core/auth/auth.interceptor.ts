import { authInterceptorFor } from '@shop/web';

/**
 * The shared auth interceptor (token on `/api/` requests, one refresh and retry on a 401). The console sends
 * the admin to the login page when the session cannot be refreshed, and leaves a request that brings its own
 * token (a test order placed as a demo shopper) as it is.
 */
export const authInterceptor = authInterceptorFor({ keepOwnAuthorization: true, signInPath: '/login' });

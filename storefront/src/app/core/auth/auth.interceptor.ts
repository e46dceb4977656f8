import { authInterceptorFor } from '@shop/web';

/**
 * The shared auth interceptor (token on `/api/` requests, one refresh and retry on a 401). When the session
 * cannot be refreshed the shopper continues as a guest (pages that need an account send them to sign in).
 */
export const authInterceptor = authInterceptorFor();

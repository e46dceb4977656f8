/** The provider wrapped in this instance's circuit breaker. */
export const PAYMENT_GUARD = Symbol('PAYMENT_GUARD');

import { Payments1732400000000 } from './1732400000000-payments';

/** Migrations of the payment service, in order. */
export const paymentMigrations = [Payments1732400000000];

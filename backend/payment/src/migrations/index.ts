/** Migrations of the payment service, in order. */
export const paymentMigrations = [];

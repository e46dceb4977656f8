/** Migrations of the cart service, in order. */
export const cartMigrations = [];

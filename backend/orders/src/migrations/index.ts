/** Migrations of the orders service, in order. */
export const ordersMigrations = [];

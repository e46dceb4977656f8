/** Migrations of the inventory service, in order. */
export const inventoryMigrations = [];

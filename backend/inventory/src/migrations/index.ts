import { InventorySchema1764000000000 } from './1764000000000-inventory-schema';

/** Migrations of the inventory service, in order. */
export const inventoryMigrations = [InventorySchema1764000000000];

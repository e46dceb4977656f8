import { InventorySchema1764000000000 } from './1764000000000-inventory-schema';
import { InventoryDeductionFunctions1764200000000 } from './1764200000000-inventory-deduction-functions';
import { InventoryReservationFunctions1764300000000 } from './1764300000000-inventory-reservation-functions';
import { InventoryReservationBatch1764400000000 } from './1764400000000-inventory-reservation-batch';
import { InventoryDeductionHoldRecord1764500000000 } from './1764500000000-inventory-deduction-hold-record';
import { InventoryDropStockFunctions1765000000000 } from './1765000000000-inventory-drop-stock-functions';

/** Migrations of the inventory service, in order. */
export const inventoryMigrations = [
  InventorySchema1764000000000,
  InventoryDeductionFunctions1764200000000,
  InventoryReservationFunctions1764300000000,
  InventoryReservationBatch1764400000000,
  InventoryDeductionHoldRecord1764500000000,
  InventoryDropStockFunctions1765000000000,
];

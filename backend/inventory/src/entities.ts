/** Every TypeORM entity of the inventory service (its schema "inventory"). */
export const inventoryEntities = [];

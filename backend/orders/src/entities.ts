/** Every TypeORM entity of the orders service (its schema "orders"). */
export const ordersEntities = [];

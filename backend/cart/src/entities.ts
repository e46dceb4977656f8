/** Every TypeORM entity of the cart service (its schema "cart"). */
export const cartEntities = [];

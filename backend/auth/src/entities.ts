/** Every TypeORM entity of the auth service (its schema "auth"). */
export const authEntities = [];

/** Every TypeORM entity of the notification service (its schema "notification"); it works with SQL only. */
export const notificationEntities = [];

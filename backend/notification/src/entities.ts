/** Every TypeORM entity of the notification service (its schema "notification"). */
export const notificationEntities = [];

/** Migrations of the notification service, in order. */
export const notificationMigrations = [];

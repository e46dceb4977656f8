import { Notification1732400000000 } from './1732400000000-notification';

/** Migrations of the notification service, in order. */
export const notificationMigrations = [Notification1732400000000];

import { Notification1732400000000 } from './1732400000000-notification';
import { ServiceLogs1765000000000 } from './1765000000000-service-logs';

/** Migrations of the notification service, in order. */
export const notificationMigrations = [Notification1732400000000, ServiceLogs1765000000000];

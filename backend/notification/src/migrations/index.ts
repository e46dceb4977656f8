import { Notification1732400000000 } from './1732400000000-notification';
import { ServiceLogs1765000000000 } from './1765000000000-service-logs';
import { NotificationSentAsRecord1765200000000 } from './1765200000000-notification-sent-as-record';

/** Migrations of the notification service, in order. */
export const notificationMigrations = [
  Notification1732400000000,
  ServiceLogs1765000000000,
  NotificationSentAsRecord1765200000000,
];

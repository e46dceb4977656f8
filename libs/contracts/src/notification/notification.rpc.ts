import { defineService, rpc } from '../rpc';
import type { LogPage, LogQuery } from '../platform/logs';
import { ListMailRequest, ReceivedMailDto, SentNotificationDto } from './notification.types';

export const NotificationRpc = defineService('notification', {
  /** Mail received by the local SMTP sink, newest first. */
  listReceivedMail: rpc<ListMailRequest, ReceivedMailDto[]>('read'),
  /** Mail this service sent, newest first. */
  listSent: rpc<ListMailRequest, SentNotificationDto[]>('read'),
  /** The log store (`service_logs`): records matching every filter, newest first. */
  searchLogs: rpc<LogQuery, LogPage>('read', 5000),
});

import { defineService, rpc } from '../rpc';
import { ListMailRequest, ReceivedMailDto, SentNotificationDto } from './notification.types';

export const NotificationRpc = defineService('notification', {
  /** Mail received by the local SMTP sink, newest first. */
  listReceivedMail: rpc<ListMailRequest, ReceivedMailDto[]>('read'),
  /** Mail this service sent, newest first. */
  listSent: rpc<ListMailRequest, SentNotificationDto[]>('read'),
});

import { Injectable } from '@nestjs/common';
import { ListMailRequest, NotificationRpc, ReceivedMailDto, SentNotificationDto } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcHandler } from '@shop/messaging';
import { NotificationService } from './notification.service';

/** What `@RpcHandler` accepts as a handler's result (its descriptor type wants exactly this union). */
type Reply<T> = Promise<T> | T;

/** The NATS face of the notification service: maps each contract method to a service call. */
@Injectable()
export class MailNatsController {
  constructor(private readonly notifications: NotificationService) {}

  @RpcHandler(NotificationRpc.listReceivedMail)
  listReceivedMail(req: ListMailRequest, _ctx: RequestContext): Reply<ReceivedMailDto[]> {
    return this.notifications.listReceived(req);
  }

  @RpcHandler(NotificationRpc.listSent)
  listSent(req: ListMailRequest, _ctx: RequestContext): Reply<SentNotificationDto[]> {
    return this.notifications.listSent(req);
  }
}

import { Controller, Get, MessageEvent, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable, interval, map, merge, of } from 'rxjs';
import { NotificationRpc } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { EventStream } from '../http/event-stream.decorator';
import { Ctx } from '../http/request-context.decorator';
import { DomainEventFeed } from './domain-event-feed.service';
import { DomainEventDto, ListMailQueryDto, ReceivedMailDto } from './notifications.dto';

@ApiTags('admin')
@Controller()
export class AdminFeedsController {
  constructor(
    private readonly feed: DomainEventFeed,
    private readonly rpc: RpcClient,
  ) {}

  @EventStream('events/stream')
  @Auth('admin')
  @ApiOperation({
    summary: 'Server-sent events: every domain event (ORDER_*, PAYMENT_*, STOCK_LOW…) as it is published',
    description:
      'Event "domain-event" with a DomainEventDto. EventSource may pass the token as ?access_token=.',
  })
  @ApiOkResponse({
    description: 'text/event-stream; each "domain-event" carries a DomainEventDto',
    type: DomainEventDto,
  })
  events(): Observable<MessageEvent> {
    return merge(
      of<MessageEvent>({ type: 'ready', data: {} }),
      this.feed.events$.pipe(map((e): MessageEvent => ({ type: 'domain-event', id: e.id, data: e }))),
      interval(15_000).pipe(map((): MessageEvent => ({ type: 'keepalive', data: {} }))),
    );
  }

  @Get('notifications/mail')
  @Auth('admin')
  @ApiOperation({ summary: 'E-mail received by the local SMTP sink, newest first' })
  @ApiOkResponse({ type: [ReceivedMailDto] })
  mail(@Query() query: ListMailQueryDto, @Ctx() ctx: RequestContext): Promise<ReceivedMailDto[]> {
    return this.rpc.call(NotificationRpc.listReceivedMail, { ...query }, ctx);
  }
}

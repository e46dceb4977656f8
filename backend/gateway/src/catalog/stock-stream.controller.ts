import { Controller, MessageEvent, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable, interval, map, merge } from 'rxjs';
import { STOCK_STREAM_EVENT, StockStreamMessage } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { EventStream } from '../http/event-stream.decorator';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { StockStreamMessageDto, StockStreamQuery, productIdsOf } from './stock-stream.dto';
import { STOCK_FEED_WINDOW_MS, StockFeed } from './stock-feed';

/** How often an idle stream says it is alive (proxies close silent connections). */
const KEEPALIVE_MS = 15_000;

/** Live stock of the products a page shows, for anyone (no token needed). */
@ApiTags('catalog')
@Controller('stock')
export class StockStreamController {
  constructor(private readonly feed: StockFeed) {}

  @EventStream('stream')
  @ApiOperation({
    summary: 'Server-sent events: live stock of the listed products',
    description:
      `Event "${STOCK_STREAM_EVENT}" with { items: [{ productId, available, price }] }: first every listed ` +
      `product, then the ones whose stock or price changed, gathered over ${STOCK_FEED_WINDOW_MS} ms (at ` +
      'most one message per window). EventSource reconnects by itself and starts again with every product.',
  })
  @ApiOkResponse({ description: 'text/event-stream of "stock" events', type: StockStreamMessageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'productIds is missing or malformed' })
  stream(@Query() query: StockStreamQuery, @Ctx() ctx: RequestContext): Observable<MessageEvent> {
    const ids = productIdsOf(query.productIds);
    return merge(
      this.feed.watch(ids, ctx).pipe(
        map((items): MessageEvent => ({
          type: STOCK_STREAM_EVENT,
          data: { items } satisfies StockStreamMessage,
        })),
      ),
      interval(KEEPALIVE_MS).pipe(map((): MessageEvent => ({ type: 'keepalive', data: {} }))),
    );
  }
}

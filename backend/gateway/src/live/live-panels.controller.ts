import { Controller, MessageEvent } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { Auth } from '../auth/auth.guards';
import { EventStream } from '../http/event-stream.decorator';
import { QueueMetricsDto } from '../orders/orders.dto';
import { LiveFeeds, withKeepalive } from './live-feeds.service';
import { CacheStateFeedDto, ClusterConfigFeedDto, LiveFeedUnavailableDto } from './live-panels.dto';

const UNAVAILABLE =
  'A sample the service did not answer arrives as event "unavailable" (LiveFeedUnavailable); the stream goes on.';

/** What each stream sends: its own event, or "unavailable" when a sample failed. */
function eventsOf(type: { name: string } & (new () => unknown)) {
  return {
    oneOf: [{ $ref: getSchemaPath(type) }, { $ref: getSchemaPath(LiveFeedUnavailableDto) }],
  };
}

/**
 * Server-sent event streams behind the admin console's live panels (admin only; EventSource passes the
 * token as ?access_token=). Each sends its first event at once and a "keepalive" every 15 s.
 */
@ApiTags('admin')
@ApiExtraModels(QueueMetricsDto, CacheStateFeedDto, ClusterConfigFeedDto, LiveFeedUnavailableDto)
@Controller()
export class LivePanelsController {
  constructor(private readonly feeds: LiveFeeds) {}

  @EventStream('orders/queues/stream')
  @Auth('admin')
  @ApiOperation({
    summary: 'Priority queue metrics as server-sent events (event "queues"), once a second',
    description: `Each event carries the same QueueMetricsDto as GET /api/orders/queues. ${UNAVAILABLE}`,
  })
  @ApiOkResponse({ description: 'text/event-stream', schema: eventsOf(QueueMetricsDto) })
  queues(): Observable<MessageEvent> {
    return withKeepalive(this.feeds.queues$);
  }

  @EventStream('inventory/cache/stream')
  @Auth('admin')
  @ApiOperation({
    summary: 'Catalogue cache figures of every live inventory instance as server-sent events (event "cache")',
    description: `One event every two seconds: { at, instances: CacheStats[] }. ${UNAVAILABLE}`,
  })
  @ApiOkResponse({ description: 'text/event-stream', schema: eventsOf(CacheStateFeedDto) })
  cache(): Observable<MessageEvent> {
    return withKeepalive(this.feeds.cache$);
  }

  @EventStream('services/config/stream')
  @Auth('admin')
  @ApiOperation({
    summary: 'The cluster configuration and who changed what, as server-sent events (event "config")',
    description:
      'The configuration with its revision and the recorded changes (newest first, with who made each), at ' +
      `once and after every change, whoever made it. ${UNAVAILABLE}`,
  })
  @ApiOkResponse({ description: 'text/event-stream', schema: eventsOf(ClusterConfigFeedDto) })
  config(): Observable<MessageEvent> {
    return withKeepalive(this.feeds.config$);
  }
}

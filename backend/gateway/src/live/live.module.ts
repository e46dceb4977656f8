import { Module } from '@nestjs/common';
import { LiveFeeds } from './live-feeds.service';
import { LivePanelsController } from './live-panels.controller';

/** Server-sent event streams of the admin console's live panels: queues, cache figures, configuration. */
@Module({
  controllers: [LivePanelsController],
  providers: [LiveFeeds],
})
export class LiveModule {}

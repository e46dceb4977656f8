import { ApiProperty } from '@nestjs/swagger';
import type { CacheStateFeed, ClusterConfigFeed, LiveFeedUnavailable } from '@shop/contracts';
import { CacheStatsDto } from '../catalog/catalog.dto';
import { ClusterConfigChangeDto, ClusterConfigSnapshotDto } from '../services/services.dto';

export class CacheStateFeedDto implements CacheStateFeed {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: [CacheStatsDto] }) instances!: CacheStatsDto[];
}

export class ClusterConfigFeedDto implements ClusterConfigFeed {
  @ApiProperty({ type: ClusterConfigSnapshotDto }) snapshot!: ClusterConfigSnapshotDto;
  @ApiProperty({ type: [ClusterConfigChangeDto], description: 'Newest first' })
  history!: ClusterConfigChangeDto[];
}

export class LiveFeedUnavailableDto implements LiveFeedUnavailable {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

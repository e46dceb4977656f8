import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SERVICE_NAMES, ScrapeTargetGroup, ServiceName } from '@shop/contracts';
import { ServiceRegistry } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { scrapeTargets } from './scrape-targets';

class ScrapeTargetLabelsDto {
  @ApiProperty({ enum: SERVICE_NAMES }) service!: ServiceName;
  @ApiProperty({ example: 'inventory-2' }) instance_id!: string;
  @ApiProperty({ enum: ['alive', 'suspect', 'down'] }) liveness!: 'alive' | 'suspect' | 'down';
}

class ScrapeTargetGroupDto implements ScrapeTargetGroup {
  @ApiProperty({ type: [String], example: ['vm:41235'] }) targets!: string[];
  @ApiProperty({ type: ScrapeTargetLabelsDto }) labels!: ScrapeTargetLabelsDto;
}

/** Where Prometheus finds every instance's `/metrics`, from this gateway's view of the cluster. */
@ApiTags('services')
@Controller('metrics')
export class MetricsTargetsController {
  constructor(private readonly registry: ServiceRegistry) {}

  @Get('targets')
  @Auth('admin')
  @ApiOperation({
    summary: "Prometheus scrape targets: every instance's health address (its /metrics)",
    description:
      'In the format of Prometheus HTTP service discovery (http_sd_configs), one group per instance known ' +
      "from the heartbeats. Every instance's series carry service and instance_id labels themselves.",
  })
  @ApiOkResponse({ type: [ScrapeTargetGroupDto] })
  targets(): ScrapeTargetGroupDto[] {
    const now = Date.now();
    return scrapeTargets(this.registry.list(undefined, now), (i) => this.registry.liveness(i, now));
  }
}

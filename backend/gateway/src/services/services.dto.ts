import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BALANCING_ALGORITHMS,
  ClusterConfigChange,
  ClusterHealth,
  ClusterHealthSummary,
  InstanceHealth,
  InstanceInfo,
  SERVICE_NAMES,
  ServiceHealth,
  ServiceHealthSummary,
  ServiceStatus,
} from '@shop/contracts';

export { ClusterConfigSnapshotDto } from './cluster-config.dto';

/** Swagger schemas for the contracts' health and configuration types. */
export class InstanceHealthDto implements InstanceHealth {
  @ApiProperty({ enum: SERVICE_NAMES }) service!: InstanceHealth['service'];
  @ApiProperty({ example: 'inventory-1' }) instanceId!: string;
  @ApiProperty({ description: 'Random id of this run of the process: with the instance id, its incarnation' })
  bootId!: string;
  @ApiProperty() pid!: number;
  @ApiProperty() host!: string;
  @ApiProperty() version!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty() sentAt!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['starting', 'ready', 'draining'] }) state!: InstanceHealth['state'];
  @ApiProperty() inFlight!: number;
  @ApiProperty() served!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() latencyP50Ms!: number;
  @ApiProperty() latencyP99Ms!: number;
  @ApiProperty({ description: 'Reads its RPC client sent a second copy of because the first was slow' })
  hedged!: number;
  @ApiProperty({ description: 'Requests its RPC client sent again at once because their instance was lost' })
  resent!: number;
  @ApiProperty() rssBytes!: number;
  @ApiPropertyOptional() healthPort?: number;
  @ApiProperty({ enum: ['healthy', 'suspect', 'down', 'disabled', 'starting', 'draining'] })
  status!: InstanceHealth['status'];
  @ApiProperty() lastHeartbeatAgoMs!: number;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ enum: ['closed', 'open', 'half-open'] }) breaker!: InstanceHealth['breaker'];
  @ApiProperty({ description: 'Requests this gateway instance routed to the instance' }) routed!: number;
}

export class ServiceHealthDto implements ServiceHealth {
  @ApiProperty({ enum: SERVICE_NAMES }) name!: ServiceHealth['name'];
  @ApiProperty({ enum: BALANCING_ALGORITHMS }) algorithm!: string;
  @ApiProperty() healthy!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [InstanceHealthDto] }) instances!: InstanceHealthDto[];
}

export class ClusterHealthDto implements ClusterHealth {
  @ApiProperty({ enum: ['detail'], description: 'Every instance in detail (admins)' }) view!: 'detail';
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ description: 'The gateway instance whose view this is' }) reporter!: string;
  @ApiProperty({ type: [ServiceHealthDto] }) services!: ServiceHealthDto[];
}

export class ServiceHealthSummaryDto implements ServiceHealthSummary {
  @ApiProperty({ enum: SERVICE_NAMES }) name!: ServiceHealthSummary['name'];
  @ApiProperty({
    enum: ['up', 'degraded', 'down'],
    description: 'up: every instance healthy; degraded: some; down: none',
  })
  status!: ServiceStatus;
  @ApiProperty() healthy!: number;
  @ApiProperty() total!: number;
}

export class ClusterHealthSummaryDto implements ClusterHealthSummary {
  @ApiProperty({ enum: ['summary'], description: 'Services only (anyone but admins)' }) view!: 'summary';
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: [ServiceHealthSummaryDto] }) services!: ServiceHealthSummaryDto[];
}

export class ClusterConfigChangeDto implements ClusterConfigChange {
  @ApiProperty() revision!: number;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() summary!: string;
}

export class InstanceInfoDto implements InstanceInfo {
  @ApiProperty({ enum: SERVICE_NAMES }) service!: InstanceInfo['service'];
  @ApiProperty() instanceId!: string;
  @ApiProperty() pid!: number;
  @ApiProperty() version!: string;
  @ApiProperty() startedAt!: string;
}

export class ApiErrorDto {
  @ApiProperty() statusCode!: number;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional() correlationId?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BALANCING_ALGORITHMS,
  BalancingAlgorithm,
  ClusterConfig,
  ClusterConfigSnapshot,
  ConsistencyMode,
  FaultInjection,
  PriorityWeights,
  SERVICE_NAMES,
  ServiceName,
  PAYMENT_OUTAGES,
  PaymentOutage,
} from '@shop/contracts';

/** Swagger schemas for the cluster configuration (libs/contracts/src/platform/cluster-config.ts). */
export class BalancingConfigDto {
  @ApiProperty({ enum: BALANCING_ALGORITHMS }) algorithm!: BalancingAlgorithm;
  @ApiProperty({
    description: 'Per-service override of the algorithm',
    type: 'object',
    additionalProperties: { type: 'string', enum: [...BALANCING_ALGORITHMS] },
    example: { inventory: 'least-connections' },
  })
  perService!: Partial<Record<ServiceName, BalancingAlgorithm>>;
  @ApiProperty({
    description: 'Instance weights of the weighted algorithm (default 1)',
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { 'inventory-1': 2 },
  })
  weights!: Record<string, number>;
}

export class FaultInjectionDto implements FaultInjection {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SERVICE_NAMES }) service!: ServiceName;
  @ApiPropertyOptional({ description: 'Only this instance is affected' }) instanceId?: string;
  @ApiPropertyOptional({ description: 'Delay added before every request is handled' }) latencyMs?: number;
  @ApiPropertyOptional({ description: 'Share of requests (0..1) answered UNAVAILABLE' }) errorRate?: number;
  @ApiPropertyOptional({ description: 'Requests are received and never answered' }) hang?: boolean;
  @ApiPropertyOptional({ description: 'Matching instances that started before the fault exit' })
  crash?: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
}

export class PriorityWeightsDto implements PriorityWeights {
  @ApiProperty() vipWeight!: number;
  @ApiProperty() normalWeight!: number;
  @ApiProperty({ description: 'Normal orders run only while the VIP queue is empty' }) strict!: boolean;
}

export class ClusterConfigDto implements ClusterConfig {
  @ApiProperty({ type: BalancingConfigDto }) balancing!: BalancingConfigDto;
  @ApiProperty({ type: [String], description: 'Instance ids the balancers must not pick' })
  disabledInstances!: string[];
  @ApiProperty({ type: [FaultInjectionDto] }) faults!: FaultInjectionDto[];
  @ApiProperty({ enum: ['strong', 'eventual'] }) consistency!: ConsistencyMode;
  @ApiProperty({ type: PriorityWeightsDto }) priority!: PriorityWeightsDto;
  @ApiProperty({
    enum: PAYMENT_OUTAGES,
    description: 'Payment provider outage: none, fail (authorizations fail) or timeout (they go unanswered)',
  })
  paymentOutage!: PaymentOutage;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export class ClusterConfigSnapshotDto implements ClusterConfigSnapshot {
  @ApiProperty({ description: 'Key-value revision of this configuration' }) revision!: number;
  @ApiProperty({ type: ClusterConfigDto }) config!: ClusterConfigDto;
}

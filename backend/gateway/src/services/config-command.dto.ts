import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  BALANCING_ALGORITHMS,
  BalancingAlgorithm,
  CONFIG_ACTIONS,
  ConfigAction,
  ConfigCommand,
  ConsistencyMode,
  PAYMENT_OUTAGES,
  PaymentOutage,
  SERVICE_NAMES,
  ServiceName,
} from '@shop/contracts';

/**
 * A field is checked when its action needs it, and whenever it is present: a wrong value is refused even
 * where the action would ignore it.
 */
const needs =
  (...actions: ConfigAction[]) =>
  (o: ConfigCommandDto, value: unknown) =>
    actions.includes(o.action) || value !== undefined;

/** One change to the cluster configuration. Which fields are required depends on `action`. */
export class ConfigCommandDto implements ConfigCommand {
  @ApiProperty({ enum: CONFIG_ACTIONS, example: 'disable' })
  @IsIn(CONFIG_ACTIONS)
  action!: ConfigAction;

  @ApiPropertyOptional({
    enum: SERVICE_NAMES,
    description: 'Required for inject-fault; scopes set-algorithm',
  })
  @ValidateIf(needs('inject-fault'))
  @IsIn(SERVICE_NAMES)
  service?: ServiceName;

  @ApiPropertyOptional({ example: 'inventory-1', description: 'Required for enable, disable, set-weight' })
  @ValidateIf(needs('enable', 'disable', 'set-weight'))
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'instanceId must be 1-64 letters, digits, "_" or "-"' })
  instanceId?: string;

  @ApiPropertyOptional({ enum: BALANCING_ALGORITHMS })
  @ValidateIf(needs('set-algorithm'))
  @IsIn(BALANCING_ALGORITHMS)
  algorithm?: BalancingAlgorithm;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @ValidateIf(needs('set-weight'))
  @IsNumber()
  @Min(0)
  @Max(100)
  weight?: number;

  @ApiPropertyOptional({ description: 'Required for clear-fault' })
  @ValidateIf(needs('clear-fault'))
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'faultId must be 1-64 letters, digits, "_" or "-"' })
  faultId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 60000, description: 'inject-fault: added latency in ms' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  latencyMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'inject-fault: share of requests that fail' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  errorRate?: number;

  @ApiPropertyOptional({ description: 'inject-fault: requests are never answered' })
  @IsOptional()
  @IsBoolean()
  hang?: boolean;

  @ApiPropertyOptional({ description: 'inject-fault: matching running instances exit at once' })
  @IsOptional()
  @IsBoolean()
  crash?: boolean;

  @ApiPropertyOptional({ enum: ['strong', 'eventual'] })
  @ValidateIf(needs('set-consistency'))
  @IsIn(['strong', 'eventual'])
  consistency?: ConsistencyMode;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @ValidateIf(needs('set-priority'))
  @IsInt()
  @Min(1)
  @Max(100)
  vipWeight?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @ValidateIf(needs('set-priority'))
  @IsInt()
  @Min(1)
  @Max(100)
  normalWeight?: number;

  @ApiPropertyOptional({ description: 'set-priority: strict VIP-first' })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;

  @ApiPropertyOptional({
    enum: PAYMENT_OUTAGES,
    description: 'Required for set-payment-outage: none, fail (every authorization fails) or timeout',
  })
  @ValidateIf(needs('set-payment-outage'))
  @IsIn(PAYMENT_OUTAGES, { message: `paymentOutage must be one of: ${PAYMENT_OUTAGES.join(', ')}` })
  paymentOutage?: PaymentOutage;
}

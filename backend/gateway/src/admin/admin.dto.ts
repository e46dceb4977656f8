import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  MAX_SCALED_INSTANCES,
  MAX_TEST_ORDERS,
  MAX_TEST_SHOPPERS,
  ScaleCommand,
  SIMULATED_TEST_CARDS,
  TestOrdersRequest,
  UserTier,
  cardNumberProblem,
  orderItemsProblem,
} from '@shop/contracts';
import { CheckedBy } from '../http/checked-by';
import { OrderItemDto } from '../orders/orders.dto';

const TIERS: UserTier[] = ['normal', 'vip'];

export class TestOrdersDto implements TestOrdersRequest {
  @ApiProperty({
    enum: TIERS,
    description: 'The test shoppers’ tier, which decides the queue (vip or normal)',
  })
  @IsIn(TIERS, { message: `tier must be one of: ${TIERS.join(', ')}` })
  tier!: UserTier;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_TEST_ORDERS, default: 1 })
  @IsOptional()
  @IsInt({ message: 'count must be an integer' })
  @Min(1, { message: 'count must be at least 1' })
  @Max(MAX_TEST_ORDERS, { message: `count must be at most ${MAX_TEST_ORDERS}` })
  count?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_TEST_SHOPPERS,
    default: 1,
    description: 'How many generated test shoppers share the orders (round robin)',
  })
  @IsOptional()
  @IsInt({ message: 'shoppers must be an integer' })
  @Min(1, { message: 'shoppers must be at least 1' })
  @Max(MAX_TEST_SHOPPERS, { message: `shoppers must be at most ${MAX_TEST_SHOPPERS}` })
  shoppers?: number;

  @ApiPropertyOptional({
    example: SIMULATED_TEST_CARDS.approve,
    description: 'Default: the approving test card',
  })
  @IsOptional()
  @CheckedBy(cardNumberProblem)
  cardNumber?: string;

  @ApiPropertyOptional({
    type: [OrderItemDto],
    description: 'Items of every order; by default each order takes one or two random products in stock',
  })
  @IsOptional()
  @CheckedBy(orderItemsProblem)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items?: OrderItemDto[];
}

export class ScaleCommandDto implements ScaleCommand {
  @ApiProperty({ example: 'inventory', description: 'Process kind the supervisor runs' })
  @IsString({ message: 'service must be a string' })
  @Matches(/^[a-z][a-z0-9-]{0,31}$/, { message: 'service must be a service name such as "inventory"' })
  service!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_SCALED_INSTANCES })
  @IsOptional()
  @IsInt({ message: 'instances must be an integer' })
  instances?: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: 1,
    description: '+1 starts one more instance, -1 stops the newest',
  })
  @IsOptional()
  @IsInt({ message: 'delta must be an integer' })
  @Min(-MAX_SCALED_INSTANCES)
  @Max(MAX_SCALED_INSTANCES)
  delta?: number;
}

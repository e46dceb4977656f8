import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import {
  CARD_NUMBER,
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  OrderDetailDto as OrderDetail,
  OrderDto as Order,
  OrderItemInput,
  OrderLineDto as OrderLine,
  OrderPaymentView,
  OrderStatus,
  PlaceOrderRequest,
  PriceBreakdown,
  PriceQuoteDto as PriceQuote,
  PricingSummaryDto as PricingSummary,
  PriorityQueueMetrics,
  QuoteRequest,
  SHIPPING_METHODS,
  QueueMetricsDto as QueueMetrics,
  ShippingAddress,
  ShippingMethod,
  SIMULATED_TEST_CARDS,
  TimelineEntryDto as TimelineEntry,
  cardNumberProblem,
  countryProblem,
  orderItemsProblem,
  shippingMethodProblem,
} from '@shop/contracts';
import { CheckedBy } from '../http/checked-by';
import { PageQueryDto } from '../http/page-query.dto';

const STATUSES: OrderStatus[] = ['PLACED', 'PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'];

export class MoneyDto {
  @ApiProperty({ example: 1999, description: 'Integer minor units (cents)' }) amountMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

/** One line of an order; the lines are checked together by PlaceOrderDto (orderItemsProblem). */
export class OrderItemDto implements OrderItemInput {
  @ApiProperty({ format: 'uuid', description: 'Product id' })
  @Allow()
  productId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY })
  @Allow()
  quantity!: number;
}

export class ShippingAddressDto implements ShippingAddress {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty() @IsString() @Length(1, 200) line1!: string;
  @ApiProperty() @IsString() @Length(1, 100) city!: string;
  @ApiProperty() @IsString() @Length(1, 20) postalCode!: string;
  @ApiProperty({ example: 'US' }) @IsString() @Length(2, 2) country!: string;
}

export class PlaceOrderDto implements PlaceOrderRequest {
  @ApiPropertyOptional({
    type: [OrderItemDto],
    minItems: 1,
    maxItems: MAX_ORDER_LINES,
    description: 'Items to order, each product once; omit to order the contents of your cart',
  })
  @IsOptional()
  @CheckedBy(orderItemsProblem)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items?: OrderItemDto[];

  @ApiProperty({
    maxLength: CARD_NUMBER.maxLength,
    example: SIMULATED_TEST_CARDS.approve,
    description:
      'Card number, sent to the SIMULATED payment provider (never stored). Test cards: ' +
      `${SIMULATED_TEST_CARDS.approve} approve, ${SIMULATED_TEST_CARDS.decline} decline, ` +
      `${SIMULATED_TEST_CARDS.insufficientFunds} insufficient funds, ${SIMULATED_TEST_CARDS.slow} slow (3 s), ` +
      `${SIMULATED_TEST_CARDS.providerError} provider error.`,
  })
  @CheckedBy(cardNumberProblem)
  cardNumber!: string;

  @ApiPropertyOptional({ type: ShippingAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress?: ShippingAddressDto;

  @ApiPropertyOptional({
    example: 'DE',
    description:
      'Destination country (ISO 3166-1 alpha-2, capitals): decides the tax rate. Default: the shipping ' +
      "address's country, else the shop's default country; must agree with the shipping address",
  })
  @IsOptional()
  @CheckedBy(countryProblem)
  destinationCountry?: string;

  @ApiPropertyOptional({
    enum: SHIPPING_METHODS,
    default: 'standard',
    description: 'standard: free from the free-shipping threshold, else a flat rate; express: a flat rate',
  })
  @IsOptional()
  @CheckedBy(shippingMethodProblem)
  shippingMethod?: ShippingMethod;
}

/** Where a quote sends the cart and how. */
export class QuoteQueryDto implements QuoteRequest {
  @ApiPropertyOptional({
    example: 'DE',
    description: "Destination country (default: the shop's default country)",
  })
  @IsOptional()
  @CheckedBy(countryProblem)
  destinationCountry?: string;

  @ApiPropertyOptional({ enum: SHIPPING_METHODS, default: 'standard' })
  @IsOptional()
  @CheckedBy(shippingMethodProblem)
  shippingMethod?: ShippingMethod;
}

export class ListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Admins only: one shopper's orders (default: everyone's); shoppers always get their own",
  })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id (UUID)' })
  userId?: string;
}

export class OrderLineDto implements OrderLine {
  @ApiProperty() productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ type: MoneyDto }) unitPrice!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) lineTotal!: MoneyDto;
}

export class PriceBreakdownDto implements PriceBreakdown {
  @ApiProperty({ type: MoneyDto, description: 'Sum of the line totals' }) subtotal!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'VIP discount, subtracted (0 for other shoppers)' })
  discount!: MoneyDto;
  @ApiProperty({ example: 10, description: 'VIP discount rate in percent (0 for other shoppers)' })
  discountPercent!: number;
  @ApiProperty({ type: MoneyDto }) shipping!: MoneyDto;
  @ApiProperty({ enum: SHIPPING_METHODS }) shippingMethod!: ShippingMethod;
  @ApiProperty({ description: 'Standard shipping was free: the discounted subtotal reached the threshold' })
  freeShipping!: boolean;
  @ApiProperty({ type: MoneyDto, description: 'Tax on the discounted goods' }) tax!: MoneyDto;
  @ApiProperty({ example: 1900, description: 'Tax rate applied, in basis points (1900 = 19 %)' })
  taxRate!: number;
  @ApiProperty({ example: 'DE', description: 'Destination country of the tax rate' }) country!: string;
  @ApiProperty({
    type: MoneyDto,
    description: 'subtotal − discount + shipping + tax: what the payment authorizes',
  })
  total!: MoneyDto;
}

export class PriceQuoteDto implements PriceQuote {
  @ApiProperty({ type: PriceBreakdownDto }) breakdown!: PriceBreakdownDto;
  @ApiProperty({ description: 'The VIP discount applies' }) vip!: boolean;
  @ApiProperty() itemCount!: number;
}

export class PricingSummaryDto implements PricingSummary {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: 10 }) vipDiscountPercent!: number;
  @ApiProperty({ type: MoneyDto }) freeShippingFrom!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) standardShipping!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) expressShipping!: MoneyDto;
  @ApiProperty({ description: 'Tax rate of countries the table does not name, in basis points' })
  defaultTaxRate!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { US: 0, DE: 1900 },
    description: 'Tax rate by destination country, in basis points',
  })
  taxRates!: Record<string, number>;
}

export class OrderDto implements Order {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({
    enum: STATUSES,
    description:
      'PLACED (checkout running) → PENDING (confirmed, queued) → PROCESSING → COMPLETED; or FAILED',
  })
  status!: OrderStatus;
  @ApiProperty({ enum: ['vip', 'normal'] }) priority!: Order['priority'];
  @ApiProperty({
    enum: ['STARTED', 'STOCK_DEDUCTED', 'PAYMENT_AUTHORIZED', 'CONFIRMED', 'COMPENSATING', 'COMPENSATED'],
  })
  sagaStep!: Order['sagaStep'];
  @ApiPropertyOptional() failureReason?: string;
  @ApiPropertyOptional() failureCode?: string;
  @ApiProperty({ type: [OrderItemDto] }) items!: OrderItemDto[];
  @ApiProperty({ type: [OrderLineDto] }) lines!: OrderLineDto[];
  @ApiProperty({ type: MoneyDto, description: 'What the payment authorizes (the pricing total)' })
  total!: MoneyDto;
  @ApiPropertyOptional({
    type: PriceBreakdownDto,
    description: 'How the total was computed; set once the stock is deducted',
  })
  pricing?: PriceBreakdownDto;
  @ApiProperty() correlationId!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional() confirmedAt?: string;
  @ApiPropertyOptional() processingStartedAt?: string;
  @ApiPropertyOptional() completedAt?: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items!: OrderDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class TimelineEntryDto implements TimelineEntry {
  @ApiProperty({ example: 'STOCK_DEDUCTED' }) step!: string;
  @ApiProperty({ enum: ['ok', 'failed', 'info'] }) outcome!: TimelineEntry['outcome'];
  @ApiProperty() instanceId!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiProperty() at!: string;
}

export class OrderPaymentViewDto implements OrderPaymentView {
  @ApiProperty({ enum: ['AUTHORIZED', 'DECLINED', 'FAILED', 'VOIDED', 'NONE'] })
  status!: OrderPaymentView['status'];
  @ApiPropertyOptional() provider?: string;
  @ApiPropertyOptional() cardLast4?: string;
  @ApiPropertyOptional() reason?: string;
}

export class ShippingViewDto {
  @ApiProperty({ enum: ['not-shipped', 'awaiting-fulfilment', 'preparing', 'shipped', 'cancelled'] })
  status!: OrderDetail['shipping']['status'];
  @ApiPropertyOptional({ type: ShippingAddressDto }) address?: ShippingAddressDto;
}

export class OrderDetailLineDto extends OrderLineDto {
  @ApiPropertyOptional() imageUrl?: string;
  @ApiPropertyOptional() sku?: string;
  @ApiPropertyOptional() category?: string;
}

export class OrderDetailDto extends OrderDto implements OrderDetail {
  @ApiProperty({ type: [OrderDetailLineDto] }) declare lines: OrderDetailLineDto[];
  @ApiProperty({ type: OrderPaymentViewDto }) payment!: OrderPaymentViewDto;
  @ApiProperty({ type: ShippingViewDto }) shipping!: ShippingViewDto;
  @ApiProperty({ type: [TimelineEntryDto], description: 'Every saga step: step, outcome, instance, time' })
  timeline!: TimelineEntryDto[];
}

export class PriorityQueueMetricsDto implements PriorityQueueMetrics {
  @ApiProperty({ enum: ['vip', 'normal'] }) priority!: PriorityQueueMetrics['priority'];
  @ApiProperty() depth!: number;
  @ApiProperty() processing!: number;
  @ApiProperty() ratePerSecond!: number;
  @ApiProperty() completedLastMinute!: number;
  @ApiProperty() avgWaitMs!: number;
  @ApiProperty() p95WaitMs!: number;
  @ApiProperty() p99WaitMs!: number;
}

export class QueueWeightsDto {
  @ApiProperty() vipWeight!: number;
  @ApiProperty() normalWeight!: number;
  @ApiProperty() strict!: boolean;
}

export class QueueWorkersDto {
  @ApiProperty() instanceId!: string;
  @ApiProperty() vipDedicated!: number;
  @ApiProperty() shared!: number;
  @ApiProperty() busy!: number;
}

export class QueueMetricsDto implements QueueMetrics {
  @ApiProperty({ type: [PriorityQueueMetricsDto] }) queues!: PriorityQueueMetricsDto[];
  @ApiProperty({ type: QueueWeightsDto }) weights!: QueueWeightsDto;
  @ApiProperty() fulfilmentMs!: number;
  @ApiProperty({ type: QueueWorkersDto }) workers!: QueueWorkersDto;
  @ApiProperty() at!: string;
}

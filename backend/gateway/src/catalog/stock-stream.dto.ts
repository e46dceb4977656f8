import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { MAX_STOCK_STREAM_PRODUCTS, StockChangeDto, StockStreamMessage, isUuid } from '@shop/contracts';
import { AppError } from '@shop/common';
import { MoneyDto } from './catalog.dto';

export class StockStreamQuery {
  @ApiProperty({
    description: `Product ids (UUIDs), comma-separated, 1 to ${MAX_STOCK_STREAM_PRODUCTS}`,
    example: '0b6f7c3e-2f7d-4c1a-9a57-3c2d8e4f5a61,5e0d2c1b-7a44-4f0e-8b1c-9d3e2f1a0b7c',
  })
  @IsString({ message: 'productIds must be a comma-separated list of product ids' })
  productIds!: string;

  /** The access token of EventSource clients (read by the JWT strategy; documented by @EventStream). */
  @IsOptional()
  @IsString()
  access_token?: string;
}

/** The distinct product ids of the query, or a 400 naming what is wrong. */
export function productIdsOf(value: string): string[] {
  const ids = [...new Set(value.split(',').map((id) => id.trim().toLowerCase()))];
  const bad = ids.find((id): boolean => !isUuid(id));
  if (bad !== undefined)
    throw AppError.badRequest(`productIds must list product ids (UUIDs); "${bad.slice(0, 60)}" is not one`);
  if (ids.length > MAX_STOCK_STREAM_PRODUCTS)
    throw AppError.badRequest(`productIds may list at most ${MAX_STOCK_STREAM_PRODUCTS} products`);
  return ids;
}

export class StockChangeDtoSchema implements StockChangeDto {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ description: 'Units free to add to a cart (0: sold out)' }) available!: number;
  @ApiProperty({ type: MoneyDto }) price!: MoneyDto;
}

export class StockStreamMessageDto implements StockStreamMessage {
  @ApiProperty({ type: [StockChangeDtoSchema] }) items!: StockChangeDtoSchema[];
}

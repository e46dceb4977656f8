import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  AvailabilityDto,
  CacheStats,
  CategoryDto,
  ListProductsRequest,
  Money,
  ProductDto,
  ProductPage,
  ProductResult,
  ProductSort,
  ReadSource,
  MAX_STOCK_QUANTITY,
  StockLevel,
} from '@shop/contracts';
import { PageQueryDto } from '../http/page-query.dto';

const SORTS: ProductSort[] = ['relevance', 'name', 'price-asc', 'price-desc', 'newest'];
/** Stock versions are PostgreSQL integers. */
const MAX_VERSION = 2_147_483_647;

/** Swagger schemas and validated request bodies of the catalogue and inventory routes. */
export class MoneyDto implements Money {
  @ApiProperty({ example: 1999, description: 'Integer minor units (cents)' }) amountMinor!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class ReadSourceDto implements ReadSource {
  @ApiProperty({ example: 'inventory-1' }) instanceId!: string;
  @ApiProperty({ enum: ['cache', 'primary', 'replica'] }) source!: ReadSource['source'];
  @ApiProperty({ enum: ['strong', 'eventual'] }) consistency!: ReadSource['consistency'];
}

export class ProductDtoSchema implements ProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ELEC-001' }) sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'Electronics' }) category!: string;
  @ApiProperty({ example: '/assets/products/elec-001.svg' }) imageUrl!: string;
  @ApiProperty({ type: MoneyDto }) price!: MoneyDto;
  @ApiProperty({ description: 'On hand minus active reservations; never negative' }) available!: number;
  @ApiProperty() onHand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() lowStockThreshold!: number;
  @ApiProperty({ description: 'Optimistic-lock version of the stock row' }) version!: number;
  @ApiProperty() updatedAt!: string;
}

export class ProductPageDto implements ProductPage {
  @ApiProperty({ type: [ProductDtoSchema] }) items!: ProductDtoSchema[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: ReadSourceDto }) servedBy!: ReadSourceDto;
}

export class ProductResultDto implements ProductResult {
  @ApiProperty({ type: ProductDtoSchema }) product!: ProductDtoSchema;
  @ApiProperty({ type: ReadSourceDto }) servedBy!: ReadSourceDto;
}

export class CategoryDtoSchema implements CategoryDto {
  @ApiProperty({ example: 'Books' }) name!: string;
  @ApiProperty() productCount!: number;
}

export class StockLevelDto implements StockLevel {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() onHand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() available!: number;
  @ApiProperty() lowStockThreshold!: number;
  @ApiProperty() version!: number;
}

export class CacheStatsDto implements CacheStats {
  @ApiProperty() instanceId!: string;
  @ApiProperty() entries!: number;
  @ApiProperty() hits!: number;
  @ApiProperty() misses!: number;
  @ApiProperty() ttlMs!: number;
  @ApiPropertyOptional() lastInvalidationAt?: string;
  @ApiPropertyOptional({ type: [String] }) lastInvalidationKeys?: string[];
}

export class AvailabilityDtoSchema implements AvailabilityDto {
  @ApiProperty() productId!: string;
  @ApiProperty() available!: number;
  @ApiProperty({ type: MoneyDto }) price!: MoneyDto;
  @ApiProperty() name!: string;
  @ApiProperty() imageUrl!: string;
}

export class ListProductsQuery extends PageQueryDto implements ListProductsRequest {
  @ApiPropertyOptional({
    example: 'Books',
    maxLength: 100,
    description: 'Exact category name (see /api/categories)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({
    example: 'coffee',
    maxLength: 200,
    description: 'Full-text search over name, category, description',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: SORTS, description: 'Default: relevance with q, else name' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: ProductSort;
}

export class ListStockQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only products below their threshold' })
  @IsOptional()
  @IsIn(['true', 'false'])
  lowOnly?: 'true' | 'false';
}

export class UpdateStockDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_STOCK_QUANTITY,
    example: 50,
    description: 'New on-hand quantity',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK_QUANTITY)
  onHand!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_VERSION,
    example: 3,
    description: 'The version you read; a stale one gets 409',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  expectedVersion!: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_STOCK_QUANTITY, example: 5 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK_QUANTITY)
  lowStockThreshold?: number;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { CartDto, CartItemDto, MAX_CART_LINE_QUANTITY } from '@shop/contracts';
import { MoneyDto } from '../catalog/catalog.dto';

/** Swagger schemas and validated bodies of the cart routes. */
export class CartItemDtoSchema implements CartItemDto {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() imageUrl!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ type: MoneyDto }) unitPrice!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) lineTotal!: MoneyDto;
  @ApiProperty({ description: 'Units still free in inventory besides the ones this cart holds' })
  available!: number;
  @ApiProperty({ description: 'Inventory did not answer within 3 s: last known price/availability' })
  stale!: boolean;
  @ApiProperty() checkedAt!: string;
  @ApiProperty({ description: 'When the stock hold for this item lapses' }) reservedUntil!: string;
}

export class CartDtoSchema implements CartDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: [CartItemDtoSchema] }) items!: CartItemDtoSchema[];
  @ApiProperty() itemCount!: number;
  @ApiProperty({ type: MoneyDto }) total!: MoneyDto;
  @ApiProperty() stale!: boolean;
  @ApiProperty() updatedAt!: string;
}

export class AddCartItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a product id (UUID)' })
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_CART_LINE_QUANTITY, example: 1, description: 'Units to add' })
  @IsInt()
  @Min(1)
  @Max(MAX_CART_LINE_QUANTITY)
  quantity!: number;
}

export class SetCartItemDto {
  @ApiProperty({ minimum: 1, maximum: MAX_CART_LINE_QUANTITY, example: 2, description: 'New quantity' })
  @IsInt()
  @Min(1)
  @Max(MAX_CART_LINE_QUANTITY)
  quantity!: number;
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CartRpc } from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { Auth } from '../auth/auth.guards';
import { JsonRelay, RelaysJson } from '../http/json-relay';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { AddCartItemDto, CartDtoSchema, SetCartItemDto } from './cart.dto';

function userOf(ctx: RequestContext): string {
  const userId = ctx.caller?.userId;
  if (!userId) throw AppError.unauthorized();
  return userId;
}

/** The signed-in shopper's cart; adding or changing an item holds the stock for 15 minutes. */
@ApiTags('cart')
@Auth()
@ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'No cart/inventory instance answered' })
@Controller('cart')
export class CartController {
  constructor(private readonly relay: JsonRelay) {}

  @Get()
  @ApiOperation({
    summary: 'The cart with current prices and live availability',
    description:
      'If inventory does not answer within 3 s, items carry the last known values and `stale: true`.',
  })
  @ApiOkResponse({ type: CartDtoSchema })
  @RelaysJson()
  async getCart(@Ctx() ctx: RequestContext): Promise<unknown> {
    return this.relay.answer(CartRpc.getCart, { userId: userOf(ctx) }, ctx);
  }

  @Post('items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add units of a product (reserves them in inventory)' })
  @ApiOkResponse({ type: CartDtoSchema })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Bad quantity or product id' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown product' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'OUT_OF_STOCK: details.available' })
  @RelaysJson()
  async addItem(@Body() body: AddCartItemDto, @Ctx() ctx: RequestContext): Promise<unknown> {
    return this.relay.answer(CartRpc.addItem, { userId: userOf(ctx), ...body }, ctx);
  }

  @Patch('items/:productId')
  @ApiOperation({ summary: 'Change the quantity of an item (adjusts the reservation)' })
  @ApiParam({ name: 'productId', format: 'uuid' })
  @ApiOkResponse({ type: CartDtoSchema })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The product is not in the cart' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'OUT_OF_STOCK: details.available' })
  @RelaysJson()
  async setQuantity(
    @Param('productId') productId: string,
    @Body() body: SetCartItemDto,
    @Ctx() ctx: RequestContext,
  ): Promise<unknown> {
    return this.relay.answer(CartRpc.setItemQuantity, { userId: userOf(ctx), productId, ...body }, ctx);
  }

  @Delete('items/:productId')
  @ApiOperation({ summary: 'Remove an item (releases its reservation)' })
  @ApiParam({ name: 'productId', format: 'uuid' })
  @ApiOkResponse({ type: CartDtoSchema })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The product is not in the cart' })
  @RelaysJson()
  async removeItem(@Param('productId') productId: string, @Ctx() ctx: RequestContext): Promise<unknown> {
    return this.relay.answer(CartRpc.removeItem, { userId: userOf(ctx), productId }, ctx);
  }

  @Delete()
  @ApiOperation({ summary: 'Empty the cart (releases every reservation)' })
  @ApiOkResponse({ type: CartDtoSchema })
  @RelaysJson()
  async clear(@Ctx() ctx: RequestContext): Promise<unknown> {
    return this.relay.answer(CartRpc.clear, { userId: userOf(ctx) }, ctx);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiUnprocessableEntityResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CartRpc, MAX_IDEMPOTENCY_KEY_LENGTH } from '@shop/contracts';
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

/**
 * A cart change may carry an `Idempotency-Key`: the cart service applies each key once and answers a copy
 * with the first outcome (a client replaying changes it queued offline, or retrying after a lost answer).
 */
function IdempotentChange(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        `Unique per cart change (e.g. a UUID), at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters. The same key ` +
        'sent again is answered with the first outcome and the change is not applied twice (kept 7 days).',
    }),
    ApiUnprocessableEntityResponse({
      type: ApiErrorDto,
      description: 'IDEMPOTENCY_MISMATCH: the key was already used for another change',
    }),
  );
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
  @IdempotentChange()
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
  @IdempotentChange()
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
  @IdempotentChange()
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

import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { OrdersRpc } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { PriceQuoteDto, PricingSummaryDto, QuoteQueryDto } from './orders.dto';

/** The pricing rules (computed by the orders service): the public summary, and a quote of your cart. */
@ApiTags('pricing')
@ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'No orders instance answered' })
@Controller('pricing')
export class PricingController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'The pricing rules: VIP discount, free-shipping threshold, shipping rates, tax table',
  })
  @ApiOkResponse({ type: PricingSummaryDto })
  summary(@Ctx() ctx: RequestContext): Promise<PricingSummaryDto> {
    return this.rpc.call(OrdersRpc.pricingSummary, {}, ctx);
  }

  @Get('quote')
  @Auth()
  @ApiOperation({
    summary:
      'Your cart priced as its order would be charged now: subtotal, VIP discount, shipping, tax, total',
    description:
      'By the same rules and function as the checkout; the order stores the breakdown it is charged with.',
  })
  @ApiOkResponse({ type: PriceQuoteDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Bad destination country or shipping method' })
  quote(@Query() query: QuoteQueryDto, @Ctx() ctx: RequestContext): Promise<PriceQuoteDto> {
    return this.rpc.call(OrdersRpc.quote, { ...query }, ctx);
  }
}

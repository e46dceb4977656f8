import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CartRpc,
  OrderLineDto,
  PriceBreakdown,
  PriceQuoteDto,
  PricingRules,
  PricingSummaryDto,
  QuoteRequest,
  priceOrder,
  pricingSummary,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { OrdersEnv, pricingRules } from '../config/orders.env';
import { OrderEntity } from '../order/order.entity';
import { orderTotal } from '../order/order.mapper';
import { Destination, destinationOf } from './destination';

/**
 * The pricing rules of this instance's environment applied to orders and carts: what an order is charged
 * (with its stock deduction) and what a cart would be charged (a quote), by the same function.
 */
@Injectable()
export class OrderPricingService {
  readonly rules: PricingRules;
  readonly defaultCountry: string;

  constructor(
    private readonly rpc: RpcClient,
    config: ConfigService<OrdersEnv, true>,
  ) {
    this.rules = pricingRules({
      PRICING_CURRENCY: config.get('PRICING_CURRENCY', { infer: true }),
      PRICING_VIP_DISCOUNT_PERCENT: config.get('PRICING_VIP_DISCOUNT_PERCENT', { infer: true }),
      PRICING_TAX_RATES: config.get('PRICING_TAX_RATES', { infer: true }),
      PRICING_DEFAULT_TAX_PERCENT: config.get('PRICING_DEFAULT_TAX_PERCENT', { infer: true }),
      PRICING_FREE_SHIPPING_FROM_MINOR: config.get('PRICING_FREE_SHIPPING_FROM_MINOR', { infer: true }),
      PRICING_STANDARD_SHIPPING_MINOR: config.get('PRICING_STANDARD_SHIPPING_MINOR', { infer: true }),
      PRICING_EXPRESS_SHIPPING_MINOR: config.get('PRICING_EXPRESS_SHIPPING_MINOR', { infer: true }),
    });
    this.defaultCountry = config.get('PRICING_DEFAULT_COUNTRY', { infer: true });
  }

  /** The breakdown of an order whose stock was deducted as `lines`. */
  priceOrder(order: OrderEntity, lines: readonly OrderLineDto[]): PriceBreakdown {
    return priceOrder(
      orderTotal(lines),
      {
        vip: order.priority === 'vip',
        country: order.destinationCountry ?? this.defaultCountry,
        shippingMethod: order.shippingMethod,
      },
      this.rules,
    );
  }

  /** Where an order goes and how, from the checkout request (400 naming a bad country or method). */
  destination(req: QuoteRequest & { shippingAddress?: { country?: unknown } }): Destination {
    return destinationOf(req, this.defaultCountry);
  }

  /** The signed-in shopper's cart, priced as its order would be now (lines at their last known prices). */
  async quote(ctx: RequestContext, req: QuoteRequest): Promise<PriceQuoteDto> {
    const userId = ctx.caller?.userId;
    if (!userId) throw AppError.unauthorized('A quote prices your cart: sign in first');
    const { country, shippingMethod } = this.destination(req ?? {});
    const cart = await this.rpc.call(
      CartRpc.getCart,
      { userId, live: false },
      { ...ctx, idempotencyKey: undefined },
    );
    const vip = ctx.caller?.tier === 'vip';
    return {
      breakdown: priceOrder(cart.total, { vip, country, shippingMethod }, this.rules),
      vip,
      itemCount: cart.itemCount,
    };
  }

  summary(): PricingSummaryDto {
    return pricingSummary(this.rules);
  }
}

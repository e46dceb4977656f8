import { Injectable } from '@nestjs/common';
import {
  AddCartItemRequest,
  CartDto,
  CartRpc,
  CartUserRequest,
  ClearCartRequest,
  OrderLinesResult,
  RemoveCartItemRequest,
  RemoveOrderLinesRequest,
  RestoreOrderLinesRequest,
  SetCartItemRequest,
} from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcHandler } from '@shop/messaging';
import { CartService } from './cart/cart.service';
import { OrderLinesService } from './cart/order-lines.service';

/** What `@RpcHandler` accepts as a handler's result (its descriptor type wants exactly this union). */
type Reply<T> = Promise<T> | T;

/** The NATS face of the cart service: every CartRpc method mapped to the service that does the work. */
@Injectable()
export class CartNatsController {
  constructor(
    private readonly carts: CartService,
    private readonly orderLines: OrderLinesService,
  ) {}

  @RpcHandler(CartRpc.getCart)
  getCart(req: CartUserRequest, ctx: RequestContext): Reply<CartDto> {
    return this.carts.getCart(ctx, req?.userId, req?.live !== false);
  }

  @RpcHandler(CartRpc.addItem)
  addItem(req: AddCartItemRequest, ctx: RequestContext): Reply<CartDto> {
    return this.carts.addItem(ctx, req?.userId, req?.productId, req?.quantity);
  }

  @RpcHandler(CartRpc.setItemQuantity)
  setItemQuantity(req: SetCartItemRequest, ctx: RequestContext): Reply<CartDto> {
    return this.carts.setItemQuantity(ctx, req?.userId, req?.productId, req?.quantity);
  }

  @RpcHandler(CartRpc.removeItem)
  removeItem(req: RemoveCartItemRequest, ctx: RequestContext): Reply<CartDto> {
    return this.carts.removeItem(ctx, req?.userId, req?.productId);
  }

  @RpcHandler(CartRpc.clear)
  clear(req: ClearCartRequest, ctx: RequestContext): Reply<CartDto> {
    return this.carts.clear(ctx, req?.userId, req?.releaseReservations !== false);
  }

  @RpcHandler(CartRpc.removeOrderLines)
  removeOrderLines(req: RemoveOrderLinesRequest, ctx: RequestContext): Reply<OrderLinesResult> {
    return this.orderLines.remove(ctx, req);
  }

  @RpcHandler(CartRpc.restoreOrderLines)
  restoreOrderLines(req: RestoreOrderLinesRequest, ctx: RequestContext): Reply<OrderLinesResult> {
    return this.orderLines.restore(ctx, req);
  }
}

import { Injectable } from '@nestjs/common';
import {
  AuthorizePaymentRequest,
  PaymentDto,
  PaymentProviderStatus,
  PaymentRpc,
  VoidPaymentRequest,
} from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcHandler } from '@shop/messaging';
import { PaymentsService } from './payments.service';

/** What `@RpcHandler` accepts as a handler's result (its descriptor type wants exactly this union). */
type Reply<T> = Promise<T> | T;

/** The NATS face of the payment service: maps each contract method to a service call. */
@Injectable()
export class PaymentsNatsController {
  constructor(private readonly payments: PaymentsService) {}

  @RpcHandler(PaymentRpc.authorize)
  authorize(req: AuthorizePaymentRequest, ctx: RequestContext): Reply<PaymentDto> {
    return this.payments.authorize(ctx, req);
  }

  @RpcHandler(PaymentRpc.void)
  void(req: VoidPaymentRequest, ctx: RequestContext): Reply<PaymentDto> {
    return this.payments.void(ctx, req);
  }

  @RpcHandler(PaymentRpc.getByOrder)
  getByOrder(req: { orderId: string }, _ctx: RequestContext): Reply<PaymentDto | null> {
    return this.payments.getByOrder(req?.orderId);
  }

  @RpcHandler(PaymentRpc.providerStatus)
  providerStatus(_req: Record<string, never>, _ctx: RequestContext): Reply<PaymentProviderStatus> {
    return this.payments.providerStatus();
  }
}

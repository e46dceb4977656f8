import { Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { Observable, map } from 'rxjs';
import { AuthorizePaymentCommand } from '../commands/authorize-payment.command';
import { CompensateOrderCommand } from '../commands/compensate-order.command';
import { ConfirmOrderCommand } from '../commands/confirm-order.command';
import { DeductStockCommand } from '../commands/deduct-stock.command';
import { TakeCartLinesCommand } from '../commands/take-cart-lines.command';
import {
  CartLinesTakenEvent,
  CheckoutStepFailedEvent,
  OrderPlacedEvent,
  PaymentAuthorizedEvent,
  StockDeductedEvent,
} from '../events';

/**
 * The checkout saga: deduct stock → authorize payment → take the order's lines out of the cart → confirm;
 * any failed step → compensate.
 * It only maps events to commands; the command handlers persist every step (and its timeline entry) so
 * that another instance can resume or compensate the saga from the database.
 */
@Injectable()
export class CheckoutSaga {
  @Saga()
  placed = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(OrderPlacedEvent),
      map((e) => new DeductStockCommand(e.order, e.correlationId)),
    );

  @Saga()
  stockDeducted = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(StockDeductedEvent),
      map((e) => new AuthorizePaymentCommand(e.order, e.correlationId)),
    );

  @Saga()
  paymentAuthorized = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(PaymentAuthorizedEvent),
      map((e) => new TakeCartLinesCommand(e.order, e.correlationId, e.paymentId)),
    );

  @Saga()
  cartLinesTaken = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CartLinesTakenEvent),
      map((e) => new ConfirmOrderCommand(e.orderId, e.correlationId, e.paymentId, e.detail)),
    );

  @Saga()
  stepFailed = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CheckoutStepFailedEvent),
      map((e) => new CompensateOrderCommand(e.orderId, e.correlationId, e.failure, e.undo)),
    );
}

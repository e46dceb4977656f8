import { AuthorizePaymentHandler } from './authorize-payment.handler';
import { CompensateOrderHandler } from './compensate-order.handler';
import { ConfirmOrderHandler } from './confirm-order.handler';
import { DeductStockHandler } from './deduct-stock.handler';
import { ResumeSagaHandler } from './resume-saga.handler';
import { TakeCartLinesHandler } from './take-cart-lines.handler';

export const checkoutCommandHandlers = [
  DeductStockHandler,
  AuthorizePaymentHandler,
  TakeCartLinesHandler,
  ConfirmOrderHandler,
  CompensateOrderHandler,
  ResumeSagaHandler,
];

import { defineService, rpc } from '../rpc';
import {
  AuthorizePaymentRequest,
  PaymentDto,
  PaymentProviderStatus,
  VoidPaymentRequest,
} from './payment.types';

/**
 * The payment service. `authorize` is idempotent per order: a repeated call returns the stored outcome and
 * never charges twice. A declined card is an answer (status DECLINED), not an error; a provider failure or an
 * open circuit breaker is an UNAVAILABLE error.
 */
export const PaymentRpc = defineService('payment', {
  authorize: rpc<AuthorizePaymentRequest, PaymentDto>('write', 10_000),
  void: rpc<VoidPaymentRequest, PaymentDto>('write'),
  getByOrder: rpc<{ orderId: string }, PaymentDto | null>('read'),
  providerStatus: rpc<Record<string, never>, PaymentProviderStatus>('read'),
});

import { eventType } from '../rpc';
import type { PaymentStatus } from '../payment/payment.types';

export interface PaymentEventPayload {
  paymentId: string;
  orderId: string;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  provider: string;
  reason?: string;
  correlationId: string;
}

export const PaymentAuthorized = eventType<PaymentEventPayload>('PAYMENT_AUTHORIZED');
export const PaymentDeclined = eventType<PaymentEventPayload>('PAYMENT_DECLINED');
export const PaymentFailed = eventType<PaymentEventPayload>('PAYMENT_FAILED');
export const PaymentVoided = eventType<PaymentEventPayload>('PAYMENT_VOIDED');

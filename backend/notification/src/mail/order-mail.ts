import {
  DomainEventEnvelope,
  OrderCompleted,
  OrderConfirmed,
  OrderEventPayload,
  OrderFailed,
} from '@shop/contracts';

export interface MailContent {
  to: string;
  subject: string;
  text: string;
}

/** The durable consumer that mails order events (its name on the events stream). */
export const MAIL_CONSUMER = 'notification-mail';

/** Order events that send the shopper an e-mail. */
export const MAILED_EVENTS: readonly string[] = [OrderConfirmed.type, OrderFailed.type, OrderCompleted.type];

/** The e-mail for an order event; the subject carries the order id so a mailbox can be searched by it. */
export function orderMail(event: DomainEventEnvelope<OrderEventPayload>): MailContent {
  const o = event.payload;
  const total = `${(o.totalMinor / 100).toFixed(2)} ${o.currency}`;
  switch (event.type) {
    case OrderConfirmed.type:
      return {
        to: o.email,
        subject: `Order ${o.orderId} confirmed`,
        text: `Thank you! Your order ${o.orderId} (${total}) is confirmed and queued for fulfilment${o.priority === 'vip' ? ' with VIP priority' : ''}.`,
      };
    case OrderCompleted.type:
      return {
        to: o.email,
        subject: `Order ${o.orderId} shipped`,
        text: `Your order ${o.orderId} (${total}) has been fulfilled and is on its way.`,
      };
    default:
      return {
        to: o.email,
        subject: `Order ${o.orderId} could not be completed`,
        text: `We could not complete your order ${o.orderId}: ${o.reason ?? 'unknown reason'}. Nothing was charged.`,
      };
  }
}

/** What the checks read from the databases and the events stream once the load has stopped. */

export interface OrderLine {
  productId: string;
  quantity: number;
}

export interface OrderState {
  id: string;
  userId: string;
  idempotencyKey: string;
  status: string;
  sagaStep: string;
  failureCode: string | null;
  failureReason: string | null;
  fromCart: boolean;
  /** The lines the stock deduction took (empty before it). */
  lines: OrderLine[];
  correlationId: string;
  createdAt: string;
}

export interface PaymentState {
  orderId: string;
  status: string;
}

export interface DeductionState {
  orderId: string;
  lines: OrderLine[];
  restored: boolean;
}

export interface HoldState {
  ownerId: string;
  productId: string;
  quantity: number;
  /** Epoch ms. */
  expiresAt: number;
}

export interface CartLineState {
  userId: string;
  productId: string;
  quantity: number;
}

export interface OutboxState {
  schema: string;
  id: string;
  type: string;
  published: boolean;
}

export interface ProcessedState {
  schema: string;
  consumer: string;
  messageId: string;
}

export interface StreamMessage {
  seq: number;
  /** The envelope id (the outbox row id, also the JetStream message id). */
  id: string;
  type: string;
  /** payload.orderId when the event has one. */
  orderId?: string;
}

export interface ConsumerState {
  name: string;
  /** Messages of the stream not delivered to it yet. */
  pending: number;
  /** Delivered and not acknowledged. */
  ackPending: number;
  redelivered: number;
}

export interface MailState {
  subject: string;
}

export interface AuditSnapshot {
  /** Epoch ms of the database's clock when read. */
  at: number;
  orders: OrderState[];
  payments: PaymentState[];
  deductions: DeductionState[];
  /** on_hand per product id. */
  stock: Record<string, number>;
  holds: HoldState[];
  cartLines: CartLineState[];
  outbox: OutboxState[];
  processed: ProcessedState[];
  stream: StreamMessage[];
  consumers: ConsumerState[];
  mails: MailState[];
}

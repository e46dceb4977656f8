import { Injectable } from '@nestjs/common';
import { AppError } from '@shop/common';
import { OrderRow } from './order-row';
import { OrdersRepository } from './orders.repository';

/** What a running saga keeps in memory: its order row and the card number, which is never stored. */
export interface SagaState {
  order: OrderRow;
  cardNumber?: string;
}

/**
 * The sagas this instance is running (whose leases its heartbeat extends). A saga taken over from another
 * instance is loaded from the database and has no card number: it cannot charge, only confirm a payment that
 * was already authorized or compensate.
 */
@Injectable()
export class SagaStateStore {
  private readonly running = new Map<string, SagaState>();

  constructor(private readonly orders: OrdersRepository) {}

  track(state: SagaState): void {
    this.running.set(state.order.id, state);
  }

  async get(orderId: string): Promise<SagaState> {
    const local = this.running.get(orderId);
    if (local) return local;
    const order = await this.orders.findById(orderId);
    if (!order) throw AppError.notFound(`Order ${orderId} not found`);
    const state = { order };
    this.running.set(orderId, state);
    return state;
  }

  release(orderId: string): void {
    this.running.delete(orderId);
  }

  ids(): string[] {
    return [...this.running.keys()];
  }

  get size(): number {
    return this.running.size;
  }
}

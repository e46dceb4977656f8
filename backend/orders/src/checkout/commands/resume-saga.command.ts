import { OrderEntity } from '../../order/order.entity';

/** A saga whose lease expired (its instance died, hangs or gave it up): continue it from its persisted step. */
export class ResumeSagaCommand {
  constructor(public readonly order: OrderEntity) {}
}

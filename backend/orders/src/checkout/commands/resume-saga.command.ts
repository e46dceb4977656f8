import { OrderRow } from '../order-row';

/** Another instance's saga lost its lease: continue or compensate it from its persisted step. */
export class ResumeSagaCommand {
  constructor(public readonly order: OrderRow) {}
}

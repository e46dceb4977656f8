import { Product } from './catalog/product.entity';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { Reorder } from './outbox/reorder.entity';
import { Deduction } from './stock/deduction.entity';
import { Reservation } from './stock/reservation.entity';
import { Stock } from './stock/stock.entity';

/** Every TypeORM entity of the inventory service (its schema "inventory"). */
export const inventoryEntities = [Product, Stock, Reservation, Deduction, Reorder, OutboxEvent];

import { Product } from './catalog/product.entity';
import { Reorder } from './outbox/reorder.entity';
import { Deduction } from './stock/deduction.entity';
import { Reservation } from './stock/reservation.entity';
import { Stock } from './stock/stock.entity';

/** Every TypeORM entity of the inventory service (its schema "inventory"; the outbox is mapped by persistence). */
export const inventoryEntities = [Product, Stock, Reservation, Deduction, Reorder];

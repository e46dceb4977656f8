import { OrderEntity } from './order/order.entity';
import { QueuedOrderEntity } from './order/queued-order.entity';

/** Every TypeORM entity of the orders service (its schema "orders"; the tables are defined by the migrations). */
export const ordersEntities = [OrderEntity, QueuedOrderEntity];

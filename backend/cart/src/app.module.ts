import { Module } from '@nestjs/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { CartNatsController } from './cart.nats-controller';
import { CartHolds } from './cart/cart-holds';
import { CartService } from './cart/cart.service';
import { ChangeRecords } from './cart/change-records';
import { HoldReconciler } from './cart/hold-reconciler';
import { LineChangesService } from './cart/line-changes.service';
import { OrderLinesService } from './cart/order-lines.service';
import { cartEnv } from './config/cart.env';
import { cartEntities } from './entities';
import { cartMigrations } from './migrations';

/** The cart service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('cart', { env: cartEnv }),
    PersistenceModule.forService({ schema: 'cart', entities: cartEntities, migrations: cartMigrations }),
    InstanceHealthModule.forRoot({ database: true }),
  ],
  providers: [
    CartHolds,
    ChangeRecords,
    LineChangesService,
    CartService,
    OrderLinesService,
    HoldReconciler,
    CartNatsController,
  ],
})
export class CartModule {}

import { Module } from '@nestjs/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { CartHandlers } from './cart.handlers';
import { CartLineBatch } from './cart/cart-line-batch';
import { CartService } from './cart/cart.service';
import { OrderLinesService } from './cart/order-lines.service';
import { cartEntities } from './entities';
import { cartMigrations } from './migrations';

/** The cart service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('cart'),
    PersistenceModule.forService({ schema: 'cart', entities: cartEntities, migrations: cartMigrations }),
    InstanceHealthModule.forRoot({ database: true }),
  ],
  providers: [CartLineBatch, CartService, OrderLinesService, CartHandlers],
})
export class CartModule {}

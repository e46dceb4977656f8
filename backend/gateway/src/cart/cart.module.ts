import { Module } from '@nestjs/common';
import { CartController } from './cart.controller';

/** HTTP routes of the shopper's cart. */
@Module({ controllers: [CartController] })
export class CartHttpModule {}

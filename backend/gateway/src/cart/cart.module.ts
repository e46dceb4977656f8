import { Module } from '@nestjs/common';
import { JsonRelay } from '../http/json-relay';
import { CartController } from './cart.controller';

/** HTTP routes of the shopper's cart. */
@Module({ controllers: [CartController], providers: [JsonRelay] })
export class CartHttpModule {}

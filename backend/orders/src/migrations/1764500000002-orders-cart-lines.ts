import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `cart_lines`: what the order takes out of its shopper's cart (product and quantity), recorded with the
 * stock deduction: the lines it read from the cart, or for explicit items the units it consumed of the
 * shopper's holds. The checkout saga's cart step and its compensation read it.
 */
export class OrdersCartLines1764500000002 implements MigrationInterface {
  name = 'OrdersCartLines1764500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "orders"."orders" ADD COLUMN "cart_lines" jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "orders"."orders" DROP COLUMN IF EXISTS "cart_lines"`);
  }
}

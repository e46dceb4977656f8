import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pricing of an order: its destination country and shipping method, given at checkout, and the breakdown
 * it was charged with (subtotal, VIP discount, shipping, tax, total), recorded with the stock deduction
 * beside `total_minor`. Orders placed before pricing rules existed keep NULL (their total is their subtotal).
 */
export class OrdersPricing1765200000000 implements MigrationInterface {
  name = 'OrdersPricing1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "orders"."orders"
         ADD COLUMN "destination_country" text,
         ADD COLUMN "shipping_method" text NOT NULL DEFAULT 'standard',
         ADD COLUMN "pricing" jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "orders"."orders"
         DROP COLUMN IF EXISTS "pricing",
         DROP COLUMN IF EXISTS "shipping_method",
         DROP COLUMN IF EXISTS "destination_country"`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** One cart per user, its items with the last known price and availability (for stale cart views). */
export class CartSchema1764000000001 implements MigrationInterface {
  name = 'CartSchema1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart.carts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE cart.cart_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cart_id uuid NOT NULL REFERENCES cart.carts (id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        name text NOT NULL,
        image_url text NOT NULL,
        price_minor integer NOT NULL,
        currency char(3) NOT NULL,
        last_available integer NOT NULL,
        checked_at timestamptz NOT NULL,
        reserved_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cart_items_cart_product_uq UNIQUE (cart_id, product_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cart.cart_items`);
    await q.query(`DROP TABLE IF EXISTS cart.carts`);
  }
}

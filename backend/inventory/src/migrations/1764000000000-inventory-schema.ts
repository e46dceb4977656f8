import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue, stock, reservations, order deductions, reorders and the outbox of the inventory service.
 * Products carry a generated tsvector with a GIN index for full-text search; reservations are unique per
 * (owner, product) so a cart holds one reservation per product.
 */
export class InventorySchema1764000000000 implements MigrationInterface {
  name = 'InventorySchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inventory.products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku text NOT NULL UNIQUE,
        name text NOT NULL,
        description text NOT NULL,
        category text NOT NULL,
        image_path text NOT NULL,
        price_minor integer NOT NULL CHECK (price_minor >= 0),
        currency char(3) NOT NULL,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', name), 'A') ||
          setweight(to_tsvector('english', category), 'B') ||
          setweight(to_tsvector('english', description), 'C')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX products_search_idx ON inventory.products USING gin (search)`);
    await q.query(`CREATE INDEX products_category_idx ON inventory.products (category, name)`);
    await q.query(`
      CREATE TABLE inventory.stock (
        product_id uuid PRIMARY KEY REFERENCES inventory.products (id) ON DELETE CASCADE,
        on_hand integer NOT NULL CHECK (on_hand >= 0),
        version integer NOT NULL DEFAULT 1,
        low_stock_threshold integer NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE inventory.reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL,
        product_id uuid NOT NULL REFERENCES inventory.products (id) ON DELETE CASCADE,
        quantity integer NOT NULL CHECK (quantity > 0),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reservations_owner_product_uq UNIQUE (owner_id, product_id)
      )`);
    await q.query(`CREATE INDEX reservations_product_idx ON inventory.reservations (product_id, expires_at)`);
    await q.query(`CREATE INDEX reservations_expires_idx ON inventory.reservations (expires_at)`);
    await q.query(`
      CREATE TABLE inventory.deductions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id text NOT NULL UNIQUE,
        lines jsonb NOT NULL,
        restored boolean NOT NULL DEFAULT false,
        restore_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE inventory.reorders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES inventory.products (id) ON DELETE CASCADE,
        quantity integer NOT NULL CHECK (quantity > 0),
        on_hand integer NOT NULL,
        threshold integer NOT NULL,
        status text NOT NULL DEFAULT 'requested',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE inventory.outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX outbox_unpublished_idx ON inventory.outbox (created_at) WHERE published_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'reorders', 'deductions', 'reservations', 'stock', 'products'])
      await q.query(`DROP TABLE IF EXISTS inventory.${table}`);
  }
}

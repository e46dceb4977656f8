import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { DEFAULT_NATS_URL } from '@shop/common';
import { EventPublisher, ensureEventsStream, eventsStreamName } from '@shop/messaging';
import { OutboxRelay } from '@shop/persistence';
import { TestDatabase, uniquePrefix, waitFor } from '@shop/testing';

jest.setTimeout(60_000);

/**
 * The shared outbox relay against real PostgreSQL and NATS, on another service's table (the inventory
 * layout: id, type, payload, created_at, published_at): it keeps retrying until the broker acknowledges, and a
 * row published again after a crash between ack and commit is dropped by JetStream's de-duplication.
 */
describe('outbox relay (real PostgreSQL + JetStream)', () => {
  let database: TestDatabase;
  let ds: DataSource;
  let nc: NatsConnection;
  let relay: OutboxRelay | undefined;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    database = await TestDatabase.create();
    ds = await new DataSource({ type: 'postgres', url: database.url, poolSize: 3 }).initialize();
    await ds.query(`CREATE SCHEMA inventory`);
    await ds.query(`CREATE TABLE inventory.outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), type text NOT NULL, payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz NULL)`);
    nc = await connect({ servers: process.env.NATS_URL ?? DEFAULT_NATS_URL });
  });

  afterAll(async () => {
    await relay?.stop();
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(eventsStreamName(prefix)).catch(() => undefined);
    await nc?.drain();
    await ds?.destroy();
    await database?.drop();
  });

  const storedMessages = async () =>
    (await (await jetstreamManager(nc)).streams.info(eventsStreamName(prefix))).state.messages;
  const unpublished = async () =>
    (
      (await ds.query(`SELECT count(*)::int AS n FROM inventory.outbox WHERE published_at IS NULL`)) as {
        n: number;
      }[]
    )[0].n;

  it('retries until acknowledged, then never stores a row twice', async () => {
    for (let i = 0; i < 5; i++) {
      await ds.query(`INSERT INTO inventory.outbox (type, payload) VALUES ('STOCK_LOW', $1)`, [
        JSON.stringify({ productId: randomUUID(), sku: `SKU-${i}`, available: 1, threshold: 5 }),
      ]);
    }
    const errors: string[] = [];
    const publisher = new EventPublisher(nc, prefix, 'inventory');
    relay = new OutboxRelay({
      dataSource: ds,
      schema: 'inventory',
      publish: (m) => publisher.publish(m),
      pollMs: 100,
      onError: (err) => errors.push(err.message),
    });
    // No stream yet: every publish is refused, nothing is marked published.
    relay.start();
    await waitFor(() => errors.length >= 2 || undefined, 'the relay to fail and retry', 20_000, 50);
    expect(await unpublished()).toBe(5);

    await ensureEventsStream(nc, prefix);
    await waitFor(
      async () => (await unpublished()) === 0 || undefined,
      'the relay to publish after the stream exists',
      20_000,
      50,
    );
    expect(await storedMessages()).toBe(5);

    // A crash between the broker's ack and the commit leaves rows unpublished: they go out again, and
    // JetStream drops them by message id.
    await ds.query(`UPDATE inventory.outbox SET published_at = NULL`);
    relay.kick();
    await waitFor(async () => (await unpublished()) === 0 || undefined, 'the re-publish', 20_000, 50);
    expect(await storedMessages()).toBe(5);
  });
});

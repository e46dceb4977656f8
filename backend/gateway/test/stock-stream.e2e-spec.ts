import {
  CartRpc,
  InventoryRpc,
  ProductDto,
  STOCK_STREAM_EVENT,
  StockChangeDto,
  StockStreamMessage,
} from '@shop/contracts';
import { StartedGateway, TestCluster, openEventStream, randomSuffix, waitFor } from '@shop/testing';
import { CART_SCRIPT, INVENTORY_SCRIPT, call } from '../../inventory/test/inventory-harness';

jest.setTimeout(180_000);

interface Stream {
  messages(): StockStreamMessage[];
  /** The latest figures of a product the stream reported. */
  latest(productId: string): StockChangeDto | undefined;
  close(): void;
}

/** Reads the stock stream like EventSource does, keeping its "stock" messages. */
async function openStockStream(baseUrl: string, productIds: string[]): Promise<Stream> {
  const stream = await openEventStream(baseUrl, `/api/stock/stream?productIds=${productIds.join(',')}`);
  const messages = () =>
    stream.events.filter((e) => e.type === STOCK_STREAM_EVENT).map((e) => e.data as StockStreamMessage);
  return {
    messages,
    latest: (productId) =>
      messages()
        .flatMap((m) => m.items)
        .filter((i) => i.productId === productId)
        .at(-1),
    close: () => stream.close(),
  };
}

/**
 * The live stock stream end to end: real inventory, cart and gateway processes on real NATS and PostgreSQL.
 * A stock change committed by inventory (an admin's restock, a cart's hold) reaches an open stream through
 * inventory's after-commit broadcast and the gateway's feed.
 */
describe('live stock over server-sent events (gateway, inventory, cart)', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let products: ProductDto[];

  async function setOnHand(productId: string, onHand: number): Promise<void> {
    const stock = (await call(cluster, InventoryRpc.listStock, {})).find((s) => s.productId === productId)!;
    await call(cluster, InventoryRpc.updateStock, { productId, onHand, expectedVersion: stock.version });
  }

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { LOG_LEVEL: 'warn' } });
    await cluster.startInstance({ service: 'inventory', script: INVENTORY_SCRIPT, readyTimeoutMs: 90_000 });
    [gateway] = await Promise.all([
      cluster.startGateway(),
      cluster.startInstance({ service: 'cart', script: CART_SCRIPT, readyTimeoutMs: 90_000 }),
    ]);
    products = (await call(cluster, InventoryRpc.listProducts, { pageSize: 2, sort: 'name' })).items;
    for (const p of products) await setOnHand(p.id, 20);
  });

  afterAll(async () => {
    await cluster?.teardown();
  });

  it('starts with the products it watches, then reports a restock and a hold as they commit', async () => {
    const [watched, other] = products;
    const stream = await openStockStream(gateway.baseUrl, [watched.id]);
    try {
      await waitFor(() => stream.latest(watched.id)?.available === 20, 'the first snapshot', 15_000, 50);

      await setOnHand(watched.id, 12);
      await waitFor(() => stream.latest(watched.id)?.available === 12, 'the restock to arrive', 15_000, 50);

      // A shopper's hold through the cart service takes units off what others can add.
      await call(cluster, CartRpc.addItem, {
        userId: `sse-${randomSuffix()}`,
        productId: watched.id,
        quantity: 12,
      });
      await waitFor(() => stream.latest(watched.id)?.available === 0, 'the sell-out to arrive', 15_000, 50);

      // A product the stream does not watch is never sent to it.
      await setOnHand(other.id, 3);
      await setOnHand(watched.id, 13);
      await waitFor(
        () => stream.latest(watched.id)?.available === 1,
        'the last change to arrive',
        15_000,
        50,
      );
      expect(
        stream
          .messages()
          .flatMap((m) => m.items)
          .some((i) => i.productId === other.id),
      ).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('refuses a malformed product list with a 400 naming productIds', async () => {
    for (const query of ['', '?productIds=not-a-uuid', `?productIds=${'x,'.repeat(3)}`]) {
      const res = await fetch(`${gateway.baseUrl}/api/stock/stream${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/productIds/);
    }
  });
});

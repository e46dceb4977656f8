import { Prng } from '../prng';
import { ShopApi } from '../api/shop-client';
import { Admin } from './admin';
import { Catalogue } from './catalogue';
import { OrderAttempt } from './ledger';
import { Recorder } from './recorder';
import { Shopper } from './shopper';

/** Hot products, and the stock each gets before the load starts (shoppers compete for the last units). */
export const HOT_PRODUCTS = 4;
export const HOT_STOCK = 12;
/** Share of shoppers the admin makes VIP (their orders take the VIP queue). */
const VIP_SHARE = 0.2;

export interface Shop {
  admin: Admin;
  catalogue: Catalogue;
  shoppers: Shopper[];
  /** Every checkout the shoppers make, filled while they run. */
  orders: OrderAttempt[];
}

export interface ShopSetup {
  api: ShopApi;
  recorder: Recorder;
  rng: Prng;
  /** Part of every shopper's e-mail address, so two runs never share an account. */
  runId: string;
  shoppers: number;
  thinkMs: number;
  stopped: () => boolean;
}

/**
 * Before the load: the admin logs in, the catalogue is read, every shopper registers (a fifth of them are
 * made VIP), and the hot products get little stock. Any failure here stops the run: nothing is injected yet.
 */
export async function prepareShop(setup: ShopSetup): Promise<Shop> {
  const { api, recorder, rng } = setup;
  const admin = new Admin(api, recorder, rng.fork('admin'));
  await admin.login();
  const catalogue = await Catalogue.load(api, rng.fork('catalogue'), HOT_PRODUCTS);
  const orders: OrderAttempt[] = [];
  const shopperRng = rng.fork('shoppers');
  const shoppers = Array.from(
    { length: setup.shoppers },
    (_, n) =>
      new Shopper(
        `chaos-${setup.runId.toLowerCase()}-${n + 1}`,
        { api, recorder, catalogue, orders, thinkMs: setup.thinkMs, stopped: setup.stopped },
        shopperRng.fork(String(n + 1)),
      ),
  );
  for (const s of shoppers)
    if (!(await s.register())) throw new Error(`shopper ${s.email} could not register`);
  const vipRng = rng.fork('vip');
  for (const s of shoppers) {
    if (!vipRng.chance(VIP_SHARE)) continue;
    const r = await admin.setTier(s.userId!, 'vip');
    // A new token carries the new tier.
    if (!r.ok || !(await s.login())) throw new Error(`shopper ${s.email} could not become VIP`);
  }
  const stock = await admin.listStock();
  if (!stock.data) throw new Error(`the admin could not list the stock: ${stock.status ?? stock.kind}`);
  for (const p of catalogue.hot) {
    const level = stock.data.find((l) => l.productId === p.id);
    if (!level) throw new Error(`product ${p.id} has no stock row`);
    const r = await admin.setStock(p.id, HOT_STOCK, level.version);
    if (!r.ok)
      throw new Error(`could not set the stock of ${p.name}: ${r.status} ${r.error?.message ?? r.kind}`);
  }
  return { admin, catalogue, shoppers, orders };
}

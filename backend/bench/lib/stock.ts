import { ProductPage } from '@shop/contracts';
import { Api } from './http';

/**
 * Gives the first `count` products of the catalogue (sorted as the catalogue lists them) stock enough for
 * every request of a run (admin PUT /api/inventory/:id), so a load run never measures out-of-stock answers.
 */
export async function stockUp(api: Api, adminToken: string, count: number): Promise<string[]> {
  const page = await api.ok<ProductPage>('GET', `/api/products?page=1&pageSize=${count}`);
  for (const p of page.items) {
    await api.ok('PUT', `/api/inventory/${p.id}`, {
      token: adminToken,
      body: { onHand: 1_000_000, expectedVersion: p.version },
    });
  }
  return page.items.map((p) => p.id);
}

import { Injectable } from '@nestjs/common';
import { CategoryDto, ListProductsRequest, ProductPage, ProductResult, ProductSort } from '@shop/contracts';
import { AppError, isUuid, optionalText, pageWindow } from '@shop/common';
import { CatalogReader } from './catalog-reader';
import { PRODUCT_SELECT, ProductRow, productSelect, toProductDto } from './product-row';

const SORTS: readonly ProductSort[] = ['relevance', 'name', 'price-asc', 'price-desc', 'newest'];
export const MAX_PAGE_SIZE = 100;

interface NormalizedQuery {
  category?: string;
  q?: string;
  sort: ProductSort;
  page: number;
  pageSize: number;
}

function normalize(req: ListProductsRequest): NormalizedQuery {
  const { page, pageSize } = pageWindow(req, MAX_PAGE_SIZE);
  const q = optionalText('q', req.q, 200);
  const category = optionalText('category', req.category, 100);
  const sort = req.sort ?? (q ? 'relevance' : 'name');
  if (!SORTS.includes(sort)) throw AppError.badRequest(`sort must be one of ${SORTS.join(', ')}`);
  return { category, q, sort, page, pageSize };
}

/** Escapes LIKE wildcards so a search for "50%" means the characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Catalogue reads: product pages with filters, search, sort and pagination; one product; categories. */
@Injectable()
export class CatalogService {
  constructor(private readonly reader: CatalogReader) {}

  async listProducts(req: ListProductsRequest): Promise<ProductPage> {
    const query = normalize(req);
    const { value, servedBy } = await this.reader.read(`list:${JSON.stringify(query)}`, async (run) => {
      const params: unknown[] = [];
      const where: string[] = [];
      if (query.category) {
        params.push(query.category);
        where.push(`p.category = $${params.length}`);
      }
      let rank = '';
      if (query.q) {
        params.push(query.q);
        const tsq = `websearch_to_tsquery('english', $${params.length})`;
        params.push(likePattern(query.q));
        where.push(`(p.search @@ ${tsq} OR p.name ILIKE $${params.length} OR p.sku ILIKE $${params.length})`);
        rank = `ts_rank(p.search, ${tsq}) DESC, `;
      }
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const order = {
        relevance: `${rank}p.name, p.sku`,
        name: 'p.name, p.sku',
        'price-asc': 'p.price_minor, p.sku',
        'price-desc': 'p.price_minor DESC, p.sku',
        newest: 'p.created_at DESC, p.sku',
      }[query.sort];
      // One round trip: the page of products (with the total matching count) is cut first, so stock and
      // reservations are joined for that page only rather than for every matching product.
      const offset = (query.page - 1) * query.pageSize;
      const rows = (await run(
        `WITH page AS (
           SELECT p.*, count(*) OVER () AS total_count FROM inventory.products p ${whereSql}
            ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offset})
         ${productSelect('page', 'p.total_count,')}
         ORDER BY ${order}`,
        params,
      )) as (ProductRow & { total_count: string })[];
      // Past the last page there is no row to carry the total: count separately (rare).
      let total = rows.length > 0 ? Number(rows[0].total_count) : 0;
      if (rows.length === 0 && offset > 0) {
        const [count] = (await run(
          `SELECT count(*)::int AS total FROM inventory.products p ${whereSql}`,
          params,
        )) as { total: number }[];
        total = count.total;
      }
      return {
        items: rows.map(toProductDto),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    });
    return { ...value, servedBy };
  }

  async getProduct(id: string): Promise<ProductResult> {
    if (!isUuid(id)) throw AppError.notFound(`Unknown product "${String(id)}"`, { productId: id });
    const { value, servedBy } = await this.reader.read(
      `product:${id}`,
      async (run) => {
        const rows = (await run(`${PRODUCT_SELECT} WHERE p.id = $1`, [id])) as ProductRow[];
        return rows[0] ? toProductDto(rows[0]) : null;
      },
      id,
    );
    if (!value) throw AppError.notFound(`Unknown product "${id}"`, { productId: id });
    return { product: value, servedBy };
  }

  async listCategories(): Promise<CategoryDto[]> {
    const { value } = await this.reader.read(
      'categories',
      async (run) =>
        (await run(
          `SELECT category AS name, count(*)::int AS "productCount" FROM inventory.products GROUP BY category ORDER BY category`,
          [],
        )) as CategoryDto[],
    );
    return value;
  }
}

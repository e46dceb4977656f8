import { Injectable } from '@nestjs/common';
import { CategoryDto, ListProductsRequest, ProductPage, ProductResult, ProductSort } from '@shop/contracts';
import { AppError, isUuid, optionalText, pageWindow } from '@shop/common';
import { CatalogReader } from './catalog-reader';
import { ProductView, productViews, toProductDto } from './product-view';
import { Product } from './product.entity';

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

/** The shopper's search as a full-text query (`p.search` is the tsvector PostgreSQL keeps per product). */
const SEARCH = "websearch_to_tsquery('english', :q)";

/** Sort orders; relevance ranks by the search first, when there is one. */
const ORDER: Record<ProductSort, [string, 'ASC' | 'DESC'][]> = {
  relevance: [
    ['p.name', 'ASC'],
    ['p.sku', 'ASC'],
  ],
  name: [
    ['p.name', 'ASC'],
    ['p.sku', 'ASC'],
  ],
  'price-asc': [
    ['p.priceMinor', 'ASC'],
    ['p.sku', 'ASC'],
  ],
  'price-desc': [
    ['p.priceMinor', 'DESC'],
    ['p.sku', 'ASC'],
  ],
  newest: [
    ['p.createdAt', 'DESC'],
    ['p.sku', 'ASC'],
  ],
};

/** Catalogue reads: product pages with filters, search, sort and pagination; one product; categories. */
@Injectable()
export class CatalogService {
  constructor(private readonly reader: CatalogReader) {}

  async listProducts(req: ListProductsRequest): Promise<ProductPage> {
    const query = normalize(req);
    const { value, servedBy } = await this.reader.read(`list:${JSON.stringify(query)}`, async (em) => {
      const page = productViews(em).addSelect('count(*) OVER ()', 'totalCount');
      if (query.category) page.andWhere('p.category = :category', { category: query.category });
      if (query.q)
        page.andWhere(`(p.search @@ ${SEARCH} OR p.name ILIKE :like OR p.sku ILIKE :like)`, {
          q: query.q,
          like: likePattern(query.q),
        });
      if (query.sort === 'relevance' && query.q) page.addOrderBy(`ts_rank(p.search, ${SEARCH})`, 'DESC');
      for (const [column, direction] of ORDER[query.sort]) page.addOrderBy(column, direction);
      const offset = (query.page - 1) * query.pageSize;
      const rows = await page
        .offset(offset)
        .limit(query.pageSize)
        .getRawMany<ProductView & { totalCount: string }>();
      // Past the last page there is no row to carry the total: count separately (rare).
      const total =
        rows.length > 0
          ? Number(rows[0].totalCount)
          : offset > 0
            ? await page.offset().limit().getCount()
            : 0;
      return { items: rows.map(toProductDto), page: query.page, pageSize: query.pageSize, total };
    });
    return { ...value, servedBy };
  }

  async getProduct(id: string): Promise<ProductResult> {
    if (!isUuid(id)) throw AppError.notFound(`Unknown product "${String(id)}"`, { productId: id });
    const { value, servedBy } = await this.reader.read(
      `product:${id}`,
      async (em) => {
        const row = await productViews(em).where('p.id = :id', { id }).getRawOne<ProductView>();
        return row ? toProductDto(row) : null;
      },
      id,
    );
    if (!value) throw AppError.notFound(`Unknown product "${id}"`, { productId: id });
    return { product: value, servedBy };
  }

  async listCategories(): Promise<CategoryDto[]> {
    const { value } = await this.reader.read('categories', async (em) =>
      (
        await em
          .getRepository(Product)
          .createQueryBuilder('p')
          .select('p.category', 'name')
          .addSelect('count(*)::int', 'productCount')
          .groupBy('p.category')
          .orderBy('p.category')
          .getRawMany<CategoryDto>()
      ).map((c) => ({ name: c.name, productCount: c.productCount })),
    );
    return value;
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedCatalog } from './catalog-data';
import { productSvg } from './product-image';

/**
 * Writes one SVG per seed product into backend/inventory/assets/products (committed with the project).
 * Run after changing the seed: `node dist/backend/inventory/src/seed/generate-images.js`.
 */
const dir = resolve(process.argv[2] ?? join(process.cwd(), 'backend/inventory/assets/products'));
mkdirSync(dir, { recursive: true });
const products = seedCatalog();
for (const p of products) writeFileSync(join(dir, p.imagePath.split('/').pop()!), productSvg(p));
console.log(`Wrote ${products.length} images to ${dir}`);

import { existsSync, readFile } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Request, Response } from 'express';

/** Only generated image names are served: no path traversal, no other files. */
const FILE = /^[a-z0-9-]{1,64}\.svg$/;

/** Where the shipped product images live: PRODUCT_ASSETS_DIR, else the repository's folder. */
export function productAssetsDir(): string {
  const candidates = [
    process.env.PRODUCT_ASSETS_DIR,
    resolve(process.cwd(), 'backend/inventory/assets/products'),
    // dist/backend/gateway/src/catalog → repository root
    resolve(__dirname, '../../../../../backend/inventory/assets/products'),
  ].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(d)) ?? candidates[0];
}

/** Express handler for GET /assets/products/:file (cached by browsers for a day). */
export function productAssetHandler(dir: string) {
  return (req: Request, res: Response): void => {
    const file = String(req.params.file ?? '');
    if (!FILE.test(file)) {
      res.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: `No image "${file}"` });
      return;
    }
    readFile(join(dir, file), (err, data) => {
      if (err) {
        res.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: `No image "${file}"` });
        return;
      }
      res.setHeader('Content-Type', 'image/svg+xml');
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.send(data);
    });
  };
}

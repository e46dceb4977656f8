import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError } from '@shop/common';
import { GatewayEnv } from '../config/gateway.env';

/** Only generated image names are served: no path traversal, no other files. */
const FILE = /^[a-z0-9-]{1,64}\.svg$/;

/** Where the shipped product images live: PRODUCT_ASSETS_DIR (`configured`), else the repository's folder. */
export function productAssetsDir(configured: string | undefined): string {
  const candidates = [
    configured,
    resolve(process.cwd(), 'backend/inventory/assets/products'),
    // dist/backend/gateway/src/catalog → repository root
    resolve(__dirname, '../../../../../backend/inventory/assets/products'),
  ].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(d)) ?? candidates[0];
}

/** GET /assets/products/:file, outside the /api prefix like any static asset (cached by browsers for a day). */
@ApiExcludeController()
@Controller('assets/products')
export class ProductAssetsController {
  private readonly dir: string;

  constructor(config: ConfigService<GatewayEnv, true>) {
    this.dir = productAssetsDir(config.get('PRODUCT_ASSETS_DIR', { infer: true }));
  }

  @Get(':file')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  async image(@Param('file') file: string): Promise<Buffer> {
    if (!FILE.test(file)) throw AppError.notFound(`No image "${file}"`);
    try {
      return await readFile(join(this.dir, file));
    } catch {
      throw AppError.notFound(`No image "${file}"`);
    }
  }
}

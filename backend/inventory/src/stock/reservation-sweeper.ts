import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigService } from '@nestjs/config';
import { AppLogger, systemContext } from '@shop/common';
import { InventoryEnv } from '../config/inventory.env';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { Reservation } from './reservation.entity';

const BATCH = 500;

/**
 * Deletes expired reservations every RESERVATION_SWEEP_MS and invalidates the catalogue
 * caches of the products they held. Safe on every instance at once: each run claims rows with
 * `FOR UPDATE SKIP LOCKED`, so two sweepers never wait for, or delete, the same row. Availability never
 * depends on the sweeper (reads ignore expired rows); it only keeps the table and the caches tidy.
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ds: DataSource,
    private readonly invalidator: CatalogInvalidator,
    private readonly logger: AppLogger,
    config: ConfigService<InventoryEnv, true>,
  ) {
    this.intervalMs = config.get('RESERVATION_SWEEP_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; returns how many reservations were released. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      // SQL for the claim because FOR UPDATE SKIP LOCKED is what lets every instance sweep at once.
      const result = await this.ds
        .createQueryBuilder()
        .delete()
        .from(Reservation)
        .where(
          `id IN (SELECT id FROM inventory.reservations WHERE expires_at <= now()
                   ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)`,
          { batch: BATCH },
        )
        .returning('product_id')
        .execute();
      const rows = result.raw as { product_id: string }[];
      if (rows.length > 0) {
        const ctx = systemContext('inventory');
        this.invalidator.invalidate(
          rows.map((r) => r.product_id),
          ctx,
        );
        this.logger.write('info', `Released ${rows.length} expired reservation(s)`, {
          correlationId: ctx.correlationId,
          context: 'ReservationSweeper',
        });
      }
      return rows.length;
    } catch (err) {
      this.logger.write('warn', `Reservation sweep failed: ${(err as Error).message}`, {
        context: 'ReservationSweeper',
      });
      return 0;
    } finally {
      this.running = false;
    }
  }
}

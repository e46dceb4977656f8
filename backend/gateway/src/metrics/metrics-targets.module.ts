import { Module } from '@nestjs/common';
import { MetricsTargetsController } from './metrics-targets.controller';

/** GET /api/metrics/targets (admin). Each instance serves its own /metrics (InstanceHealthModule). */
@Module({ controllers: [MetricsTargetsController] })
export class MetricsTargetsModule {}

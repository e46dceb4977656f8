import { Controller, Get, Header } from '@nestjs/common';
import { InstanceMetrics } from './instance-metrics';

/** `GET /metrics`: this instance's metrics in the Prometheus text format, for scraping. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: InstanceMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.text();
  }
}

import type { ServiceName } from '../services';

/**
 * One Prometheus scrape target group, in the format of Prometheus's HTTP service discovery
 * (`http_sd_configs`): the instance's health address, whose `/metrics` serves its metrics.
 */
export interface ScrapeTargetGroup {
  /** `host:port` of the instance's health HTTP server. */
  targets: string[];
  labels: { service: ServiceName; instance_id: string; liveness: 'alive' | 'suspect' | 'down' };
}

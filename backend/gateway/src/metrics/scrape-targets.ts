import { ScrapeTargetGroup } from '@shop/contracts';
import { KnownInstance, Liveness } from '@shop/messaging';

/**
 * The scrape targets of the instances the registry knows that report a health port (pure: unit-tested):
 * one group per instance, sorted by instance id, down instances included (Prometheus then records them down).
 */
export function scrapeTargets(
  instances: readonly KnownInstance[],
  liveness: (instance: KnownInstance) => Liveness,
): ScrapeTargetGroup[] {
  return instances
    .filter((i) => i.heartbeat.healthPort !== undefined && !i.left)
    .map((i) => ({
      targets: [`${i.heartbeat.host}:${i.heartbeat.healthPort}`],
      labels: {
        service: i.heartbeat.service,
        instance_id: i.heartbeat.instanceId,
        liveness: liveness(i),
      },
    }));
}

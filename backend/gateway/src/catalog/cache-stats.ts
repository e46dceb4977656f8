import { CacheStats, InventoryRpc } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcClient, ServiceRegistry } from '@shop/messaging';

/** How long one inventory instance may take to report its cache figures. */
const PER_INSTANCE_TIMEOUT_MS = 2000;

/**
 * The catalogue cache figures of every inventory instance that is not down, asked one by one (each keeps its
 * own cache), sorted by instance id; an instance that does not answer in time is left out.
 */
export async function collectCacheStats(
  rpc: RpcClient,
  registry: ServiceRegistry,
  ctx: RequestContext,
): Promise<CacheStats[]> {
  const ids = registry
    .list('inventory')
    .filter((i) => registry.liveness(i) !== 'down')
    .map((i) => i.heartbeat.instanceId);
  const answers = await Promise.allSettled(
    ids.map((instanceId) =>
      rpc.call(InventoryRpc.cacheStats, {}, ctx, { instanceId, timeoutMs: PER_INSTANCE_TIMEOUT_MS }),
    ),
  );
  return answers
    .flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))
    .sort((a, b) => a.instanceId.localeCompare(b.instanceId));
}

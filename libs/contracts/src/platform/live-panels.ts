import type { CacheStats } from '../inventory/inventory.types';
import type { ClusterConfigChange, ClusterConfigSnapshot } from './cluster-config';

/**
 * Server-sent event streams of the admin console's live panels (admin only). Each sends its first event at
 * once, then one per sample or change, and a `keepalive` every 15 s.
 */
export const LiveStreamPath = {
  /** Event `queues` with a QueueMetricsDto, once a second. */
  Queues: '/api/orders/queues/stream',
  /** Event `cache` with a CacheStateFeed, every two seconds. */
  Cache: '/api/inventory/cache/stream',
  /** Event `config` with a ClusterConfigFeed, at once and after every change. */
  Config: '/api/services/config/stream',
} as const;
export type LiveStreamPath = (typeof LiveStreamPath)[keyof typeof LiveStreamPath];

/** How often the gateway samples what a live panel shows (one sample shared by every open stream). */
export const LIVE_QUEUES_EVERY_MS = 1000;
export const LIVE_CACHE_EVERY_MS = 2000;

/** Event `cache`: the catalogue cache figures of every live inventory instance. */
export interface CacheStateFeed {
  at: string;
  instances: CacheStats[];
}

/** Event `config`: the cluster configuration and its recorded changes (newest first, with who made them). */
export interface ClusterConfigFeed {
  snapshot: ClusterConfigSnapshot;
  history: ClusterConfigChange[];
}

/** Event `unavailable`: a sample could not be taken (the service did not answer); the stream goes on. */
export interface LiveFeedUnavailable {
  at: string;
  code: string;
  message: string;
}

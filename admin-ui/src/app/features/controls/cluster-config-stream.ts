import { Injectable } from '@angular/core';
import { LiveStreamPath, type ClusterConfigFeed } from '@shop/contracts';
import { LiveFeed } from '../../core/live/live-feed';

function isConfigFeed(value: unknown): value is ClusterConfigFeed {
  const v = value as Partial<ClusterConfigFeed> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.snapshot?.revision === 'number' &&
    typeof v.snapshot.config === 'object' &&
    Array.isArray(v.history)
  );
}

/**
 * The cluster configuration and who changed what, from `GET /api/services/config/stream`: at once and after
 * every change, whoever made it.
 */
@Injectable({ providedIn: 'root' })
export class ClusterConfigStream extends LiveFeed<ClusterConfigFeed> {
  constructor() {
    super(LiveStreamPath.Config, 'config', isConfigFeed);
  }
}

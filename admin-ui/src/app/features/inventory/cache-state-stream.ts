import { Injectable } from '@angular/core';
import { LiveStreamPath, type CacheStateFeed } from '@shop/contracts';
import { LiveFeed } from '../../core/live/live-feed';

function isCacheState(value: unknown): value is CacheStateFeed {
  const v = value as Partial<CacheStateFeed> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.at === 'string' &&
    Array.isArray(v.instances) &&
    v.instances.every((c) => typeof c?.instanceId === 'string')
  );
}

/** Catalogue cache figures of every inventory instance from `GET /api/inventory/cache/stream` (every 2 s). */
@Injectable({ providedIn: 'root' })
export class CacheStateStream extends LiveFeed<CacheStateFeed> {
  constructor() {
    super(LiveStreamPath.Cache, 'cache', isCacheState);
  }
}

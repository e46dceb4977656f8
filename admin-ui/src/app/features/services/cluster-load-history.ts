import { Injectable, inject, signal } from '@angular/core';
import { ClusterHealthStream } from './cluster-health-stream';
import { EMPTY_CLUSTER_LOAD, addPicture } from './cluster-load';

/**
 * The cluster's load over the last minute, recorded from every health picture while the health stream is
 * open (kept when the admin moves to another page and back).
 */
@Injectable({ providedIn: 'root' })
export class ClusterLoadHistory {
  readonly load = signal(EMPTY_CLUSTER_LOAD);

  constructor() {
    inject(ClusterHealthStream).pictures$.subscribe((picture) =>
      this.load.update((load) => addPicture(load, picture)),
    );
  }
}

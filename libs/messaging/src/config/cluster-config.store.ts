import { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { KV, KvEntry, Kvm } from '@nats-io/kv';
import {
  ClusterConfig,
  ClusterConfigChange,
  ClusterConfigSnapshot,
  defaultClusterConfig,
  streamName,
  ErrorCode,
} from '@shop/contracts';
import { AppError } from '@shop/common';
import { decodeJson, encodeJson } from '../codec';

const KEY = 'cluster';
const HISTORY = 64;

interface StoredConfig {
  config: ClusterConfig;
  summary: string;
}

export type ConfigListener = (snapshot: ClusterConfigSnapshot) => void;

/**
 * The cluster-wide runtime configuration, kept in a JetStream key-value bucket. Every instance watches
 * the key, so a change reaches all of them within milliseconds and survives restarts of everything.
 * Writers use compare-and-set on the revision, so concurrent admins never lose each other's changes.
 */
export class ClusterConfigStore {
  private kv?: KV;
  private snapshot: ClusterConfigSnapshot = { revision: 0, config: defaultClusterConfig() };
  private readonly listeners: ConfigListener[] = [];
  private stopWatch?: () => void;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  get bucket(): string {
    return streamName(this.prefix, 'config');
  }

  /** Opens (or creates) the bucket and starts watching; resolves once the stored value is loaded. */
  async start(): Promise<void> {
    const kvm = new Kvm(jetstream(this.nc));
    this.kv = await kvm.create(this.bucket, { history: HISTORY });
    const entry = await this.kv.get(KEY);
    if (entry && entry.operation === 'PUT') this.apply(entry);
    const watcher = await this.kv.watch({ key: KEY });
    this.stopWatch = () => watcher.stop();
    void (async () => {
      for await (const e of watcher) {
        if (e.operation === 'PUT') this.apply(e);
      }
    })();
  }

  stop(): void {
    this.stopWatch?.();
  }

  current(): ClusterConfigSnapshot {
    return this.snapshot;
  }

  onChange(listener: ConfigListener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1);
  }

  /**
   * Applies `mutate` (which returns a one-line summary for the audit trail) to the latest stored
   * configuration and writes it with compare-and-set, retrying on a concurrent write.
   */
  async update(by: string, mutate: (config: ClusterConfig) => string): Promise<ClusterConfigSnapshot> {
    const kv = this.requireKv();
    for (let attempt = 0; attempt < 10; attempt++) {
      const entry = await kv.get(KEY).catch(storeUnavailable);
      const base: ClusterConfig =
        entry && entry.operation === 'PUT' ? this.parse(entry).config : defaultClusterConfig();
      const next = structuredClone(base);
      const summary = mutate(next);
      next.updatedAt = new Date().toISOString();
      next.updatedBy = by;
      const payload = encodeJson({ config: next, summary } satisfies StoredConfig);
      try {
        const revision = entry
          ? await kv.update(KEY, payload, entry.revision)
          : await kv.create(KEY, payload);
        const snapshot = { revision, config: next };
        if (revision > this.snapshot.revision) this.setSnapshot(snapshot);
        return snapshot;
      } catch (err) {
        if (!isWrongRevision(err)) storeUnavailable(err);
      }
    }
    throw new AppError(ErrorCode.Busy, 'The cluster configuration is changing too fast; try again', {
      retryAfterSeconds: 1,
    });
  }

  /** The recorded changes, newest first: who changed what and when. */
  async history(): Promise<ClusterConfigChange[]> {
    const kv = this.requireKv();
    const iter = await kv.history({ key: KEY }).catch(storeUnavailable);
    const out: ClusterConfigChange[] = [];
    for await (const e of iter) {
      if (e.operation !== 'PUT') continue;
      const stored = this.parse(e);
      out.push({
        revision: e.revision,
        at: stored.config.updatedAt,
        by: stored.config.updatedBy,
        summary: stored.summary,
      });
    }
    return out.reverse();
  }

  private apply(entry: KvEntry): void {
    if (entry.revision <= this.snapshot.revision) return;
    this.setSnapshot({ revision: entry.revision, config: this.parse(entry).config });
  }

  private setSnapshot(snapshot: ClusterConfigSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }

  private parse(entry: KvEntry): StoredConfig {
    const stored = decodeJson<StoredConfig>(entry.value);
    // Fill fields added after the value was written, so old stored configs stay readable.
    return { summary: stored.summary, config: { ...defaultClusterConfig(), ...stored.config } };
  }

  private requireKv(): KV {
    if (!this.kv) throw new Error('ClusterConfigStore.start() has not completed');
    return this.kv;
  }
}

function isWrongRevision(err: unknown): boolean {
  const text = String((err as Error)?.message ?? err);
  return /wrong last sequence|key exists|10071/i.test(text);
}

/**
 * A key-value call that failed for another reason than a lost compare-and-set: JetStream did not answer
 * (NATS restarting, no JetStream leader). Nothing was written; the caller may try again shortly.
 */
function storeUnavailable(err: unknown): never {
  throw new AppError(
    ErrorCode.Unavailable,
    `The cluster configuration store (NATS JetStream) did not answer: ${(err as Error)?.message ?? String(err)}; nothing was changed, try again`,
    { retryAfterSeconds: 1 },
    { cause: err },
  );
}

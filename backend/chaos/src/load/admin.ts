import { DEMO_ACCOUNTS } from '@shop/contracts';
import { Prng } from '../prng';
import { Schemas, ShopApi, bearer } from '../api/shop-client';
import { ConfigFaults, FaultSpec } from '../faults/config-faults';
import { Caller, CallPolicy, CallResult } from './caller';
import { Recorder } from './recorder';

const ADMIN = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
/** Admin requests are all safe to repeat: reads, and changes guarded by a version or naming a fault id. */
const ADMIN_CALL: CallPolicy = { idempotent: true, timeoutMs: 15_000 };

export type StockLevel = Schemas['StockLevelDto'];
export type FaultInjection = Schemas['FaultInjectionDto'];

function matches(f: FaultInjection, spec: FaultSpec): boolean {
  return (
    f.service === spec.service &&
    f.instanceId === spec.instanceId &&
    f.latencyMs === spec.latencyMs &&
    f.errorRate === spec.errorRate
  );
}

/** The demo admin account, through the same typed client and retry rules as the shoppers. */
export class Admin implements ConfigFaults {
  private token?: string;
  private readonly caller: Caller;

  constructor(
    private readonly api: ShopApi,
    recorder: Recorder,
    rng: Prng,
  ) {
    this.caller = new Caller(recorder, rng);
  }

  async login(): Promise<void> {
    const r = await this.caller.call('admin.login', ADMIN_CALL, (signal) =>
      this.api.POST('/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password }, signal }),
    );
    if (!r.ok || !r.data)
      throw new Error(`the admin cannot log in: ${r.status} ${r.error?.message ?? r.kind}`);
    this.token = r.data.accessToken;
  }

  listStock(): Promise<CallResult<StockLevel[]>> {
    return this.authed('admin.stock', (signal) =>
      this.api.GET('/api/inventory', { headers: this.auth, signal }),
    );
  }

  setStock(productId: string, onHand: number, expectedVersion: number): Promise<CallResult<StockLevel>> {
    return this.authed('admin.restock', (signal) =>
      this.api.PUT('/api/inventory/{productId}', {
        params: { path: { productId } },
        body: { onHand, expectedVersion },
        headers: this.auth,
        signal,
      }),
    );
  }

  setTier(userId: string, tier: 'vip' | 'normal'): Promise<CallResult<Schemas['UserResponseDto']>> {
    return this.authed('admin.tier', (signal) =>
      this.api.PATCH('/api/users/{id}/tier', {
        params: { path: { id: userId } },
        body: { tier },
        headers: this.auth,
        signal,
      }),
    );
  }

  /** Injects a fault; answers its id (the matching fault absent from the configuration before), if it took. */
  async injectFault(fault: FaultSpec): Promise<string | undefined> {
    const before = new Set(((await this.faults()) ?? []).map((f) => f.id));
    const r = await this.config({ action: 'inject-fault', ...fault });
    // Without an answer the change may still have been made: the configuration tells.
    const now = r.data?.config.faults ?? (await this.faults()) ?? [];
    return now.find((f) => !before.has(f.id) && matches(f, fault))?.id;
  }

  /**
   * Clears every fault matching the spec (an inject whose answer was lost and that was sent again may have
   * left two); true when none is left.
   */
  async clearFaults(fault: FaultSpec): Promise<boolean> {
    const current = await this.faults();
    if (!current) return false;
    for (const f of current.filter((x) => matches(x, fault)))
      await this.config({ action: 'clear-fault', faultId: f.id });
    const after = await this.faults();
    return !!after && !after.some((x) => matches(x, fault));
  }

  /** Clears by the spec: an inject whose answer was lost and that was sent again may have left a copy. */
  clearFault(fault: FaultSpec): Promise<boolean> {
    return this.clearFaults(fault);
  }

  async clearAllFaults(): Promise<boolean> {
    return (await this.config({ action: 'clear-faults' })).ok;
  }

  async faults(): Promise<FaultInjection[] | undefined> {
    const r = await this.authed('admin.config', (signal) =>
      this.api.GET('/api/services/config', { headers: this.auth, signal }),
    );
    return r.data?.config.faults;
  }

  private config(
    body: Schemas['ConfigCommandDto'],
  ): Promise<CallResult<Schemas['ClusterConfigSnapshotDto']>> {
    return this.authed('admin.config', (signal) =>
      this.api.POST('/api/services/config', { body, headers: this.auth, signal }),
    );
  }

  private get auth(): { Authorization: string } {
    return bearer(this.token ?? '');
  }

  private async authed<T>(
    op: string,
    send: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<CallResult<T>> {
    const first = await this.caller.call(op, ADMIN_CALL, send);
    if (first.status !== 401) return first;
    await this.login();
    return this.caller.call(op, ADMIN_CALL, send);
  }
}

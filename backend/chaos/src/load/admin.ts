import { DEMO_ACCOUNTS } from '@shop/contracts';
import { Prng } from '../prng';
import { Schemas, ShopApi, bearer } from '../api/shop-client';
import { Caller, CallPolicy, CallResult } from './caller';
import { Recorder } from './recorder';

const ADMIN = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
/** Admin requests are all safe to repeat: reads, and changes guarded by a version or naming a fault id. */
const ADMIN_CALL: CallPolicy = { idempotent: true, timeoutMs: 15_000 };

export type StockLevel = Schemas['StockLevelDto'];
export type FaultInjection = Schemas['FaultInjectionDto'];

/** The demo admin account, through the same typed client and retry rules as the shoppers. */
export class Admin {
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

  /** Injects a fault and answers the new fault's id (the one absent from the configuration before). */
  async injectFault(fault: {
    service: Schemas['ConfigCommandDto']['service'];
    instanceId?: string;
    latencyMs?: number;
    errorRate?: number;
  }): Promise<string | undefined> {
    const before = await this.faults();
    const r = await this.config({ action: 'inject-fault', ...fault });
    if (!r.ok || !r.data) return undefined;
    const known = new Set((before ?? []).map((f) => f.id));
    return r.data.config.faults.find(
      (f) =>
        !known.has(f.id) &&
        f.service === fault.service &&
        f.instanceId === fault.instanceId &&
        f.latencyMs === fault.latencyMs &&
        f.errorRate === fault.errorRate,
    )?.id;
  }

  async clearFault(faultId: string): Promise<boolean> {
    return (await this.config({ action: 'clear-fault', faultId })).ok;
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

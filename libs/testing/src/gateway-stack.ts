import { AuthTokens, DEMO_ACCOUNTS } from '@shop/contracts';
import { TestCluster, StartedGateway } from './test-cluster';
import { waitFor } from './wait-for';

const AUTH_SCRIPT = 'backend/auth/src/main.js';

/** The roles whose demo account (normal tier) `startGatewayStack` signs in. */
export type DemoRole = 'admin' | 'customer';

export interface GatewayStack {
  gateway: StartedGateway;
  /** Ids of the two fixture inventory instances, sorted. */
  inventoryIds: string[];
  /** Access token of the demo account of each role, from a login through the gateway. */
  tokens: Map<DemoRole, string>;
}

/**
 * The real gateway in front of two fixture inventory instances and a real auth instance (the gateway checks
 * every token's session with it), with the demo admin and shopper signed in through the gateway. Errors
 * carry the output of every process.
 */
export async function startGatewayStack(cluster: TestCluster): Promise<GatewayStack> {
  try {
    const [gateway, instances] = await Promise.all([
      cluster.startGateway(),
      cluster.startEchoInstances('inventory', 2),
      cluster.startInstance({ service: 'auth', script: AUTH_SCRIPT, readyTimeoutMs: 90_000 }),
    ]);
    const tokens = new Map<DemoRole, string>();
    for (const role of ['admin', 'customer'] as const) {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role && a.tier === 'normal')!;
      // The auth instance may announce itself before it has seeded the demo accounts.
      const res = await waitFor(
        async () => {
          const r = await fetch(`${gateway.baseUrl}/api/auth/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: account.email, password: account.password }),
          });
          return r.status === 401 ? undefined : r;
        },
        `${account.email} to log in`,
        20_000,
        250,
      );
      if (res.status !== 200) throw new Error(`login ${account.email}: ${res.status} ${await res.text()}`);
      tokens.set(role, ((await res.json()) as AuthTokens).accessToken);
    }
    return { gateway, inventoryIds: instances.map((i) => i.name).sort(), tokens };
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
  }
}

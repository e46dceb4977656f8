import { AuthTokens, DEMO_ACCOUNTS, DemoAccount, ServiceName } from '@shop/contracts';
import { ChildInstance, REPO_ROOT, StartedGateway, TestCluster, builtScript, freePort } from '@shop/testing';

const SERVICES: [ServiceName, string][] = [
  ['auth', 'backend/auth/src/main.js'],
  ['inventory', 'backend/inventory/src/main.js'],
  ['cart', 'backend/cart/src/main.js'],
  ['orders', 'backend/orders/src/main.js'],
  ['payment', 'backend/payment/src/main.js'],
  ['notification', 'backend/notification/src/main.js'],
];
const SMTP_SINK = 'backend/notification/src/smtp-sink.js';

export interface WholeSystem {
  gateway: StartedGateway;
  /** The local SMTP sink: a process the cluster does not know, so stop it before `cluster.teardown()`. */
  sink: ChildInstance;
}

/**
 * One instance of every service, the SMTP sink and a gateway on the cluster's prefix and fresh database.
 * Errors carry the output of every process.
 */
export async function startWholeSystem(
  cluster: TestCluster,
  gatewayEnv: NodeJS.ProcessEnv = {},
): Promise<WholeSystem> {
  const smtpPort = await freePort();
  const sink = ChildInstance.spawn({
    name: `smtp-sink-${cluster.prefix}`,
    script: builtScript(SMTP_SINK),
    cwd: REPO_ROOT,
    env: cluster.env({ SMTP_SINK_PORT: String(smtpPort) }),
  });
  try {
    await sink.waitForLine(/SMTP sink listening/, 30_000);
    await Promise.all(
      SERVICES.map(([service, script]) =>
        cluster.startInstance({
          service,
          script,
          env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
          readyTimeoutMs: 90_000,
        }),
      ),
    );
    const gateway = await cluster.startGateway(gatewayEnv);
    return { gateway, sink };
  } catch (err) {
    await sink.stop(2000);
    throw new Error(`${(err as Error).message}\n${sink.tail(2000)}\n${cluster.diagnostics()}`);
  }
}

/** The demo account with this role and tier. */
export function demoAccount(role: DemoAccount['role'], tier: DemoAccount['tier'] = 'normal'): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role && a.tier === tier);
  if (!account) throw new Error(`No demo account ${role}/${tier}`);
  return account;
}

/**
 * Signs in through the gateway (API-client style: the refresh token in the body). `address` is sent as
 * X-Forwarded-For (the gateway trusts it from loopback), so the login throttle of one address never
 * refuses another's sign-ins.
 */
export async function login(
  baseUrl: string,
  email: string,
  password: string,
  address = '10.200.0.1',
): Promise<AuthTokens> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()) as AuthTokens;
}

/** Registers a new shopper through the gateway. */
export async function register(baseUrl: string, email: string, password = 'Sweep1234'): Promise<AuthTokens> {
  const res = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.200.0.2' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 201) throw new Error(`register ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()) as AuthTokens;
}

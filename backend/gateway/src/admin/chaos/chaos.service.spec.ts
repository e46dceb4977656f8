import {
  AuthRpc,
  AuthTokens,
  ChaosRunState,
  ChaosStartCommand,
  ChaosStatus,
  RpcMethod,
  UserTier,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { SupervisorClient } from '../supervisor-client';
import { ChaosService } from './chaos.service';

const ctx: RequestContext = {
  correlationId: 'c1',
  caller: { userId: 'admin-1', email: 'admin@shop.test', role: 'admin' },
};

function tokens(tier: UserTier, n: number): AuthTokens {
  return {
    tokenType: 'Bearer',
    accessToken: `token-${tier}-${n}`,
    expiresIn: 900,
    refreshToken: 'r',
    refreshExpiresAt: '2100-01-01T00:00:00.000Z',
    sessionId: `session-${tier}-${n}`,
    user: {
      id: `${tier}-${n}`,
      email: `test-${tier}-${n}@test.shop`,
      role: 'customer',
      tier,
      test: true,
      createdAt: '',
    },
  };
}

describe('ChaosService', () => {
  let status: ChaosStatus;
  let sent: ChaosStartCommand | undefined;
  let sessionCalls: unknown[];
  let service: ChaosService;

  beforeEach(() => {
    status = { run: null };
    sent = undefined;
    sessionCalls = [];
    const rpc = {
      call: (method: RpcMethod<unknown, unknown>, req: { tier: UserTier; count: number }) => {
        expect(method).toBe(AuthRpc.testShopperSessions);
        sessionCalls.push(req);
        return Promise.resolve(Array.from({ length: req.count }, (_, i) => tokens(req.tier, i + 1)));
      },
    } as unknown as RpcClient;
    const supervisor = {
      chaosStatus: () => Promise.resolve(status),
      chaosStart: (_ctx: RequestContext, cmd: ChaosStartCommand) => {
        sent = cmd;
        return Promise.resolve({ id: cmd.runId, phase: 'preparing' } as ChaosRunState);
      },
    } as unknown as SupervisorClient;
    service = new ChaosService(rpc, supervisor);
  });

  it('completes the request: a run id, a random seed, every fault kind, and 6 normal and 2 VIP test shoppers', async () => {
    const run = await service.start(ctx, { durationSeconds: 20 });
    expect(sessionCalls).toEqual([
      { tier: 'normal', count: 6 },
      { tier: 'vip', count: 2 },
    ]);
    expect(sent).toMatchObject({
      durationSeconds: 20,
      faults: ['kill', 'latency', 'errors'],
      startedBy: 'admin@shop.test',
    });
    expect(sent!.runId).toMatch(/^chaos-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(sent!.seed).toMatch(/^\d+$/);
    expect(sent!.shoppers).toHaveLength(8);
    expect(sent!.shoppers[7]).toEqual({
      userId: 'vip-2',
      email: 'test-vip-2@test.shop',
      tier: 'vip',
      accessToken: 'token-vip-2',
      sessionId: 'session-vip-2',
    });
    expect(run.id).toBe(sent!.runId);
  });

  it('keeps the seed and the fault kinds given, none too', async () => {
    await service.start(ctx, { durationSeconds: 30, seed: 's-1', faults: ['latency'] });
    expect(sent).toMatchObject({ seed: 's-1', faults: ['latency'] });
    await service.start(ctx, { durationSeconds: 30, faults: [] });
    expect(sent!.faults).toEqual([]);
  });

  it('refuses with a conflict while a run goes on, before opening any test shopper session', async () => {
    status = { run: { id: 'chaos-1', startedBy: 'ops@shop.test', phase: 'running' } as ChaosRunState };
    const err = await service.start(ctx, { durationSeconds: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).message).toMatch(/chaos-1 \(started by ops@shop.test\) is still running/);
    expect(sessionCalls).toEqual([]);
    expect(sent).toBeUndefined();
  });

  it('starts a new run once the last one is over', async () => {
    status = { run: { id: 'chaos-1', startedBy: 'ops@shop.test', phase: 'failed' } as ChaosRunState };
    await service.start(ctx, { durationSeconds: 20 });
    expect(sent).toBeDefined();
  });
});

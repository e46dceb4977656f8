import { ConfigService } from '@nestjs/config';
import { SessionValidation } from '@shop/contracts';
import { AppError, createContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { GatewayEnv } from '../config/gateway.env';
import { SessionValidator } from './session-validator';

const valid = (sessionId: string, userId = 'u1'): SessionValidation => ({
  valid: true,
  sessionId,
  expiresAt: '2100-01-01T00:00:00.000Z',
  user: {
    id: userId,
    email: 'a@b.test',
    role: 'customer',
    tier: 'normal',
    createdAt: '2026-01-01T00:00:00Z',
  },
});

/** A stand-in for the RPC client that counts calls and lets the test decide when each answer arrives. */
function fakeRpc(answer: (sessionId: string) => Promise<SessionValidation>) {
  const calls: string[] = [];
  const rpc = {
    call: (_method: unknown, req: { sessionId: string }) => {
      calls.push(req.sessionId);
      return answer(req.sessionId);
    },
  } as unknown as RpcClient;
  return { rpc, calls };
}

/** SESSION_CHECK_CACHE_MS as the validator reads it. */
const cacheFor = (ms: number) => ({ get: () => ms }) as unknown as ConfigService<GatewayEnv, true>;

describe('SessionValidator (gateway)', () => {
  const ctx = createContext();

  it('asks the auth service once and then answers from its cache', async () => {
    const { rpc, calls } = fakeRpc(async (sid) => valid(sid));
    const validator = new SessionValidator(rpc, cacheFor(30_000));
    await validator.check('s1', ctx);
    await validator.check('s1', ctx);
    expect(calls).toEqual(['s1']);
  });

  it('asks on every request when SESSION_CHECK_CACHE_MS is 0', async () => {
    const { rpc, calls } = fakeRpc(async (sid) => valid(sid));
    const validator = new SessionValidator(rpc, cacheFor(0));
    await validator.check('s1', ctx);
    await validator.check('s1', ctx);
    expect(calls).toEqual(['s1', 's1']);
  });

  it('never remembers a session past its expiry', async () => {
    const { rpc, calls } = fakeRpc(async (sid) => ({
      ...valid(sid),
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    }));
    const validator = new SessionValidator(rpc, cacheFor(30_000));
    await validator.check('s1', ctx);
    await validator.check('s1', ctx);
    expect(calls).toEqual(['s1', 's1']);
  });

  it('forgets a session when its revocation is broadcast', async () => {
    const { rpc, calls } = fakeRpc(async (sid) => valid(sid));
    const validator = new SessionValidator(rpc, cacheFor(30_000));
    await validator.check('s1', ctx);
    await validator.onSessionRevoked({ sid: 's1' }, ctx);
    await validator.check('s1', ctx);
    expect(calls).toEqual(['s1', 's1']);
  });

  it('does not cache an answer that was in flight while a revocation arrived', async () => {
    let release!: () => void;
    const { rpc, calls } = fakeRpc((sid) => new Promise((resolve) => (release = () => resolve(valid(sid)))));
    const validator = new SessionValidator(rpc, cacheFor(30_000));
    const pending = validator.check('s1', ctx);
    await validator.onSessionRevoked({ sid: 's1' }, ctx);
    release();
    await pending;
    const again = validator.check('s1', ctx);
    release();
    await again;
    expect(calls).toEqual(['s1', 's1']);
  });

  it('drops every cached session of a user whose role or tier changed', async () => {
    const { rpc, calls } = fakeRpc(async (sid) => valid(sid, sid === 's3' ? 'u2' : 'u1'));
    const validator = new SessionValidator(rpc, cacheFor(30_000));
    for (const sid of ['s1', 's2', 's3']) await validator.check(sid, ctx);
    await validator.onUserChanged({ userId: 'u1' }, ctx);
    for (const sid of ['s1', 's2', 's3']) await validator.check(sid, ctx);
    expect(calls).toEqual(['s1', 's2', 's3', 's1', 's2']);
  });

  it('turns a transport failure into 503 UNAVAILABLE (fail closed)', async () => {
    const { rpc } = fakeRpc(() => Promise.reject(new Error('503 no responders')));
    const validator = new SessionValidator(rpc, cacheFor(30_000));
    await expect(validator.check('s1', ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(validator.check('s1', ctx)).rejects.toBeInstanceOf(AppError);
  });
});

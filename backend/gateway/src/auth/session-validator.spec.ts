import { SessionValidation } from '@shop/contracts';
import { AppError, createContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
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

describe('SessionValidator (gateway)', () => {
  const ctx = createContext();

  it('asks the auth service once and then answers from its cache', async () => {
    const { rpc, calls } = fakeRpc(async (sid) => valid(sid));
    const validator = new SessionValidator(rpc);
    await Promise.all([validator.check('s1', ctx), validator.check('s1', ctx)]);
    await validator.check('s1', ctx);
    expect(calls).toEqual(['s1']);
  });

  it('forgets a session when its revocation is broadcast', async () => {
    const { rpc, calls } = fakeRpc(async (sid) => valid(sid));
    const validator = new SessionValidator(rpc);
    await validator.check('s1', ctx);
    await validator.onSessionRevoked({ sid: 's1' }, ctx);
    await validator.check('s1', ctx);
    expect(calls).toEqual(['s1', 's1']);
  });

  it('does not cache an answer that was in flight while a revocation arrived', async () => {
    let release!: () => void;
    const { rpc, calls } = fakeRpc((sid) => new Promise((resolve) => (release = () => resolve(valid(sid)))));
    const validator = new SessionValidator(rpc);
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
    const validator = new SessionValidator(rpc);
    for (const sid of ['s1', 's2', 's3']) await validator.check(sid, ctx);
    await validator.onUserChanged({ userId: 'u1' }, ctx);
    for (const sid of ['s1', 's2', 's3']) await validator.check(sid, ctx);
    expect(calls).toEqual(['s1', 's2', 's3', 's1', 's2']);
  });

  it('turns a transport failure into 503 UNAVAILABLE (fail closed)', async () => {
    const { rpc } = fakeRpc(() => Promise.reject(new Error('503 no responders')));
    const validator = new SessionValidator(rpc);
    await expect(validator.check('s1', ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(validator.check('s1', ctx)).rejects.toBeInstanceOf(AppError);
  });
});

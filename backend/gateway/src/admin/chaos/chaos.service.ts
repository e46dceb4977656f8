import { randomBytes, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuthRpc,
  AuthTokens,
  CHAOS_FAULT_KINDS,
  CHAOS_SHOPPERS,
  ChaosRunState,
  ChaosShopperSession,
  ChaosStartRequest,
  ChaosStatus,
  isChaosRunOver,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { SupervisorClient } from '../supervisor-client';

/**
 * Chaos mode for operators: completes the request (run id, seed, fault kinds, the test shoppers' sessions)
 * and hands the run to the local supervisor, which runs it and answers its state.
 */
@Injectable()
export class ChaosService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly supervisor: SupervisorClient,
  ) {}

  async start(ctx: RequestContext, req: ChaosStartRequest): Promise<ChaosRunState> {
    // Asked first, so a refusal (no supervisor, a run going on) opens no test shopper sessions.
    const { run } = await this.supervisor.chaosStatus(ctx);
    if (run && !isChaosRunOver(run.phase)) throw runningConflict(run);
    const sessions = await Promise.all(
      (['normal', 'vip'] as const).map((tier) =>
        this.rpc.call(AuthRpc.testShopperSessions, { tier, count: CHAOS_SHOPPERS[tier] }, ctx),
      ),
    );
    const startedBy = ctx.caller?.email ?? ctx.caller?.userId ?? 'an admin';
    return this.supervisor.chaosStart(ctx, {
      runId: newRunId(),
      durationSeconds: req.durationSeconds,
      seed: req.seed ?? String(randomInt(1, 1_000_000)),
      faults: req.faults ? [...new Set(req.faults)] : [...CHAOS_FAULT_KINDS],
      startedBy,
      shoppers: sessions.flat().map(toShopperSession),
    });
  }

  stop(ctx: RequestContext): Promise<ChaosRunState> {
    return this.supervisor.chaosStop(ctx, ctx.caller?.email ?? ctx.caller?.userId ?? 'an admin');
  }

  status(ctx: RequestContext): Promise<ChaosStatus> {
    return this.supervisor.chaosStatus(ctx);
  }
}

function runningConflict(run: ChaosRunState): AppError {
  return AppError.conflict(
    `Chaos run ${run.id} (started by ${run.startedBy}) is still ${run.phase}; stop it first (DELETE /api/admin/chaos)`,
    { runId: run.id, refusal: 'chaos-running' },
  );
}

/** `chaos-<UTC date>-<time>-<4 hex>`: sortable, and unique enough for one cluster. */
function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `chaos-${stamp}-${randomBytes(2).toString('hex')}`;
}

function toShopperSession(tokens: AuthTokens): ChaosShopperSession {
  return {
    userId: tokens.user.id,
    email: tokens.user.email,
    tier: tokens.user.tier,
    accessToken: tokens.accessToken,
    sessionId: tokens.sessionId,
  };
}

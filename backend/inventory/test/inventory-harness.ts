import { DataSource } from 'typeorm';
import { ConsistencyMode, RpcMethod } from '@shop/contracts';
import { AppError, createContext } from '@shop/common';
import { TestCluster, waitFor } from '@shop/testing';

export const INVENTORY_SCRIPT = 'backend/inventory/src/main.js';
export const CART_SCRIPT = 'backend/cart/src/main.js';
export const AUTH_SCRIPT = 'backend/auth/src/main.js';

/** Calls one instance (no balancing) through the observer's real RPC client. */
export function callOn<Req, Res>(
  cluster: TestCluster,
  method: RpcMethod<Req, Res>,
  instanceId: string,
  request: Req,
  timeoutMs = 10_000,
): Promise<Res> {
  return cluster.observer.client.call(method, request, createContext(), { instanceId, timeoutMs });
}

/** Calls the service through the balancer, like any other service would. */
export function call<Req, Res>(
  cluster: TestCluster,
  method: RpcMethod<Req, Res>,
  request: Req,
): Promise<Res> {
  return cluster.observer.client.call(method, request, createContext({ deadline: Date.now() + 15_000 }));
}

/** The AppError a call failed with (fails the test when it succeeds). */
export async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

export async function setConsistency(cluster: TestCluster, mode: ConsistencyMode): Promise<void> {
  await cluster.observer.config.update('e2e', (config) => {
    config.consistency = mode;
    return `consistency ${mode}`;
  });
}

/** Waits until every listed instance reports the consistency mode in `servedBy`. */
export async function waitForMode(
  cluster: TestCluster,
  instanceIds: string[],
  mode: ConsistencyMode,
  probe: (instanceId: string) => Promise<{ servedBy: { consistency: ConsistencyMode } }>,
): Promise<void> {
  await waitFor(
    async () => {
      const answers = await Promise.all(instanceIds.map(probe));
      return answers.every((a) => a.servedBy.consistency === mode);
    },
    `every inventory instance to be in ${mode} mode`,
    10_000,
    50,
  );
}

/** A direct connection to the test database, for asserting on rows. */
export async function openDatabase(url: string): Promise<DataSource> {
  return new DataSource({ type: 'postgres', url, poolSize: 3 }).initialize();
}

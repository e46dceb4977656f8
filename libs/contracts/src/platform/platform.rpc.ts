import { defineService, rpc } from '../rpc';
import type { ServiceName } from '../services';
import type { InstanceInfo } from './health';

export interface EchoRequest {
  message: string;
}
export interface EchoResponse {
  message: string;
  instanceId: string;
  correlationId: string;
}
/** Which cluster configuration revision an instance currently applies (tests and the admin console). */
export interface ConfigRevisionResponse {
  instanceId: string;
  revision: number;
  updatedAt: string;
}

/** Methods every service answers (on its queue group and its instance subjects). */
export function platformContract<S extends ServiceName>(service: S) {
  // Built once per service: the gateway asks for it on every relayed instance-info request.
  const known = platformContracts.get(service);
  if (known) return known as ReturnType<typeof buildPlatformContract<S>>;
  const built = buildPlatformContract(service);
  platformContracts.set(service, built);
  return built;
}

function buildPlatformContract<S extends ServiceName>(service: S) {
  return defineService(service, {
    info: rpc<Record<string, never>, InstanceInfo>('read', 2000),
    echo: rpc<EchoRequest, EchoResponse>('read', 2000),
    configRevision: rpc<Record<string, never>, ConfigRevisionResponse>('read', 2000),
  });
}

const platformContracts = new Map<ServiceName, unknown>();

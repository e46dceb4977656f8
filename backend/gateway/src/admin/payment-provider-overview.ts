import { Injectable } from '@nestjs/common';
import { PaymentProviderOverview, PaymentProviderStatus, PaymentRpc } from '@shop/contracts';
import { createContext } from '@shop/common';
import { ClusterConfigStore, RpcClient, ServiceRegistry } from '@shop/messaging';

/** How long one payment instance gets to report its breaker. */
const ASK_TIMEOUT_MS = 1000;

/** The outage switch from the cluster configuration and the provider breaker of every live payment instance. */
@Injectable()
export class PaymentProviderOverviewService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly registry: ServiceRegistry,
    private readonly config: ClusterConfigStore,
  ) {}

  async overview(): Promise<PaymentProviderOverview> {
    const ids = this.registry
      .list('payment')
      .filter((i) => !i.left && this.registry.liveness(i) !== 'down')
      .map((i) => i.heartbeat.instanceId)
      .sort();
    const answers = await Promise.all(
      ids.map((instanceId) =>
        this.rpc
          .call(
            PaymentRpc.providerStatus,
            {},
            createContext({ caller: { service: 'gateway' }, deadline: Date.now() + ASK_TIMEOUT_MS }),
            { instanceId, timeoutMs: ASK_TIMEOUT_MS },
          )
          .catch(() => instanceId),
      ),
    );
    return {
      outage: this.config.current().config.paymentOutage,
      instances: answers.filter((a): a is PaymentProviderStatus => typeof a !== 'string'),
      unreachable: answers.filter((a): a is string => typeof a === 'string'),
      at: new Date().toISOString(),
    };
  }
}

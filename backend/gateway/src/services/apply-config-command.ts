import { randomUUID } from 'node:crypto';
import { ClusterConfig, ConfigCommand } from '@shop/contracts';
import { AppError } from '@shop/common';

/**
 * Applies one admin command to a configuration (in place) and returns a one-line summary for the audit log.
 * Pure, so the rules are unit-tested apart from the store.
 */
export function applyConfigCommand(
  config: ClusterConfig,
  cmd: ConfigCommand,
  by: string,
  now = new Date(),
): string {
  switch (cmd.action) {
    case 'disable':
      if (!config.disabledInstances.includes(cmd.instanceId!)) config.disabledInstances.push(cmd.instanceId!);
      return `disabled instance ${cmd.instanceId}`;
    case 'enable':
      config.disabledInstances = config.disabledInstances.filter((id) => id !== cmd.instanceId);
      return `enabled instance ${cmd.instanceId}`;
    case 'set-algorithm':
      if (cmd.service) config.balancing.perService[cmd.service] = cmd.algorithm!;
      else config.balancing.algorithm = cmd.algorithm!;
      return `balancing ${cmd.service ?? 'default'} → ${cmd.algorithm}`;
    case 'set-weight':
      config.balancing.weights[cmd.instanceId!] = cmd.weight!;
      return `weight of ${cmd.instanceId} → ${cmd.weight}`;
    case 'inject-fault': {
      if (!cmd.latencyMs && !cmd.errorRate && !cmd.hang && !cmd.crash) {
        throw AppError.badRequest('inject-fault needs at least one of latencyMs, errorRate, hang, crash');
      }
      const id = randomUUID().slice(0, 8);
      config.faults.push({
        id,
        service: cmd.service!,
        instanceId: cmd.instanceId,
        latencyMs: cmd.latencyMs,
        errorRate: cmd.errorRate,
        hang: cmd.hang,
        crash: cmd.crash,
        createdAt: now.toISOString(),
        createdBy: by,
      });
      const what = [
        cmd.latencyMs ? `+${cmd.latencyMs}ms` : '',
        cmd.errorRate ? `${Math.round(cmd.errorRate * 100)}% errors` : '',
        cmd.hang ? 'hang' : '',
        cmd.crash ? 'crash' : '',
      ].filter(Boolean);
      return `fault ${id} on ${cmd.instanceId ?? cmd.service}: ${what.join(', ')}`;
    }
    case 'clear-fault': {
      const before = config.faults.length;
      config.faults = config.faults.filter((f) => f.id !== cmd.faultId);
      if (config.faults.length === before) throw AppError.notFound(`No fault with id "${cmd.faultId}"`);
      return `cleared fault ${cmd.faultId}`;
    }
    case 'clear-faults':
      config.faults = cmd.service ? config.faults.filter((f) => f.service !== cmd.service) : [];
      return `cleared faults${cmd.service ? ` of ${cmd.service}` : ''}`;
    case 'set-consistency':
      config.consistency = cmd.consistency!;
      return `consistency → ${cmd.consistency}`;
    case 'set-priority':
      config.priority = {
        vipWeight: cmd.vipWeight!,
        normalWeight: cmd.normalWeight!,
        strict: cmd.strict ?? false,
      };
      return `priority VIP:normal → ${cmd.vipWeight}:${cmd.normalWeight}${cmd.strict ? ' (strict)' : ''}`;
    case 'set-payment-outage':
      config.paymentOutage = cmd.paymentOutage!;
      return cmd.paymentOutage === 'none'
        ? 'payment provider repaired (no outage)'
        : `payment provider outage: every authorization ${cmd.paymentOutage === 'fail' ? 'fails' : 'times out'}`;
  }
}

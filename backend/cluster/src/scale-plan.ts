import { MAX_SCALED_INSTANCES, ScaleCommand, ScaleRefusal, SupervisorReply } from '@shop/contracts';
import { ProcessSpec } from './process-specs';

/** What to do for a scale command: the instance numbers to start and to stop. */
export interface ScalePlan {
  spec: ProcessSpec;
  start: number[];
  stop: number[];
}

type Refused = Extract<SupervisorReply<never>, { ok: false }>;

const refuse = (refusal: ScaleRefusal, message: string): Refused => ({ ok: false, refusal, message });

/** Only platform services (they beat, and callers balance over them) are scaled; the SMTP sink is not. */
export function isScalable(spec: ProcessSpec): boolean {
  return spec.service !== undefined;
}

/**
 * Checks a scale command against the specs the supervisor runs and the instance numbers each runs now, and
 * plans it: new instances take the lowest free numbers, and the highest numbers stop first. Pure.
 */
export function planScale(
  specs: readonly ProcessSpec[],
  running: ReadonlyMap<string, readonly number[]>,
  cmd: ScaleCommand,
): ScalePlan | Refused {
  const name = typeof cmd?.service === 'string' ? cmd.service : '';
  const spec = specs.find((s) => s.name === name);
  const known = specs.filter(isScalable).map((s) => s.name);
  if (!spec)
    return refuse('unknown-service', `Unknown service "${name}"; the supervisor runs: ${known.join(', ')}`);
  if (!isScalable(spec))
    return refuse(
      'not-scalable',
      `${name} is not a platform service and is not scaled; scalable: ${known.join(', ')}`,
    );
  const numbers = [...(running.get(name) ?? [])].sort((a, b) => a - b);
  const hasDelta = cmd.delta !== undefined;
  const hasTarget = cmd.instances !== undefined;
  if (hasDelta === hasTarget)
    return refuse('bad-command', 'Give either "instances" (a count) or "delta" (+1, -1 …)');
  const value = hasDelta ? cmd.delta : cmd.instances;
  if (!Number.isInteger(value))
    return refuse(
      'bad-command',
      `${hasDelta ? 'delta' : 'instances'} must be an integer, got ${JSON.stringify(value)}`,
    );
  const target = hasDelta ? numbers.length + (value as number) : (value as number);
  if (target < 1)
    return refuse(
      'below-minimum',
      `${name} cannot run fewer than 1 instance (it runs ${numbers.length}; asked for ${target}); disable an instance instead`,
    );
  if (target > MAX_SCALED_INSTANCES)
    return refuse(
      'above-maximum',
      `${name} cannot run more than ${MAX_SCALED_INSTANCES} instances (it runs ${numbers.length}; asked for ${target})`,
    );
  const start: number[] = [];
  for (let n = 1; numbers.length + start.length < target; n++) if (!numbers.includes(n)) start.push(n);
  const stop = numbers.slice(target).reverse();
  return { spec, start, stop };
}

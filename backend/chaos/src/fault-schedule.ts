import { SERVICE_NAMES, ServiceName } from '@shop/contracts';
import { FaultKind } from './options';
import { Prng } from './prng';

/** One fault the run will inject, at `atMs` after the load started. */
export type PlannedFault =
  | { kind: 'kill'; atMs: number; service: ServiceName; instanceId: string }
  | {
      kind: 'latency';
      atMs: number;
      untilMs: number;
      service: ServiceName;
      instanceId?: string;
      latencyMs: number;
    }
  | {
      kind: 'errors';
      atMs: number;
      untilMs: number;
      service: ServiceName;
      instanceId?: string;
      errorRate: number;
    }
  | { kind: 'nats' | 'postgres'; atMs: number; downMs: number };

export interface ScheduleInput {
  durationMs: number;
  faults: readonly FaultKind[];
  /** Instances per service (ids `<service>-1..N`). */
  instances: number;
  /** Number of kills; default one every KILL_EVERY_MS of the fault window, at least one per killable service. */
  kills?: number;
  /**
   * The instance ids of each service when they are not `<service>-1..N` (a live cluster, scaled by hand).
   * Only services with two or more instances are killed (a kill leaves a survivor); services without any
   * get no injected latency or errors.
   */
  targets?: Partial<Record<ServiceName, readonly string[]>>;
}

/** Services whose request handlers take injected latency and errors (the gateway and notification serve no RPC load). */
export const CONFIG_FAULT_SERVICES: readonly ServiceName[] = [
  'auth',
  'inventory',
  'cart',
  'orders',
  'payment',
];
const KILL_EVERY_MS = 13_000;
/** A second kill of one service waits this long, so the first victim is back and the service keeps a survivor. */
export const SAME_SERVICE_GAP_MS = 20_000;
/** How long NATS and PostgreSQL stay down when restarted (a real server restart takes seconds). */
export const RESTART_DOWN_MS = 3000;
/** No kill this close before a restart, nor until this long after the server is back. */
const RESTART_QUIET_BEFORE_MS = 5000;
const RESTART_QUIET_AFTER_MS = 10_000;
const CONFIG_FAULT_EVERY_MS = 120_000;

/** The part of the run in which faults start: after a warm-up, and ending early enough to recover. */
export function faultWindow(durationMs: number): { start: number; end: number } {
  return {
    start: Math.round(Math.min(10_000, durationMs * 0.1)),
    end: Math.round(durationMs - Math.min(15_000, durationMs * 0.15)),
  };
}

/**
 * Every fault of a run, from the seed alone: one NATS restart (in the second quarter) and one PostgreSQL
 * restart (in the third), kills spread evenly over the rest of the window (the first ones cover every service
 * in a shuffled order; a service is not killed again within SAME_SERVICE_GAP_MS), and non-overlapping
 * windows of injected latency and errors.
 */
export function planFaults(input: ScheduleInput, rng: Prng): PlannedFault[] {
  const { start, end } = faultWindow(input.durationMs);
  const wants = (kind: FaultKind) => input.faults.includes(kind);
  const planned: PlannedFault[] = [];
  const round100 = (ms: number) => Math.round(ms / 100) * 100;
  const idsOf = (service: ServiceName): readonly string[] =>
    input.targets
      ? (input.targets[service] ?? [])
      : Array.from({ length: input.instances }, (_, i) => `${service}-${i + 1}`);
  const pickInstance = (service: ServiceName): string => {
    const ids = idsOf(service);
    return ids[rng.int(1, ids.length) - 1];
  };
  const killable = SERVICE_NAMES.filter((s) => !input.targets || idsOf(s).length >= 2);
  const configurable = CONFIG_FAULT_SERVICES.filter((s) => idsOf(s).length >= 1);

  const restarts: { atMs: number; downMs: number }[] = [];
  if (wants('nats')) {
    const atMs = round100(clamp(rng.between(0.25, 0.45) * input.durationMs, start, end));
    planned.push({ kind: 'nats', atMs, downMs: RESTART_DOWN_MS });
    restarts.push({ atMs, downMs: RESTART_DOWN_MS });
  }
  if (wants('postgres')) {
    const atMs = round100(clamp(rng.between(0.6, 0.8) * input.durationMs, start, end));
    planned.push({ kind: 'postgres', atMs, downMs: RESTART_DOWN_MS });
    restarts.push({ atMs, downMs: RESTART_DOWN_MS });
  }

  if (wants('kill') && killable.length > 0) {
    const quiet = restarts.map((r) => ({
      from: r.atMs - RESTART_QUIET_BEFORE_MS,
      to: r.atMs + r.downMs + RESTART_QUIET_AFTER_MS,
    }));
    const allowed = subtract({ from: start, to: end }, quiet);
    const count = input.kills ?? Math.max(killable.length, Math.floor((end - start) / KILL_EVERY_MS));
    const times = spread(allowed, count, rng).map(round100);
    const lastKill = new Map<ServiceName, number>();
    const firstRound = rng.shuffle(killable);
    times.forEach((atMs, i) => {
      let service: ServiceName;
      if (i < firstRound.length) service = firstRound[i];
      else {
        const rested = killable.filter((s) => atMs - (lastKill.get(s) ?? -Infinity) >= SAME_SERVICE_GAP_MS);
        service =
          rested.length > 0
            ? rng.pick(rested)
            : [...killable].sort((a, b) => (lastKill.get(a) ?? 0) - (lastKill.get(b) ?? 0))[0];
      }
      lastKill.set(service, atMs);
      planned.push({ kind: 'kill', atMs, service, instanceId: pickInstance(service) });
    });
  }

  const perKind = Math.max(1, Math.round(input.durationMs / CONFIG_FAULT_EVERY_MS));
  const configKinds = rng.shuffle([
    ...Array<'latency'>(wants('latency') && configurable.length > 0 ? perKind : 0).fill('latency'),
    ...Array<'errors'>(wants('errors') && configurable.length > 0 ? perKind : 0).fill('errors'),
  ]);
  const slot = configKinds.length > 0 ? (end - start) / configKinds.length : 0;
  configKinds.forEach((kind, i) => {
    const length = Math.max(1000, Math.min(slot - 2000, rng.between(10_000, 20_000)));
    const atMs = round100(start + i * slot + rng.between(0, Math.max(0, slot - length - 1000)));
    const untilMs = round100(atMs + length);
    const service = rng.pick(configurable);
    const instanceId = rng.chance(0.3) ? pickInstance(service) : undefined;
    if (kind === 'latency')
      planned.push({ kind, atMs, untilMs, service, instanceId, latencyMs: rng.int(2, 12) * 100 });
    else planned.push({ kind, atMs, untilMs, service, instanceId, errorRate: rng.int(1, 4) / 10 });
  });

  return planned.sort((a, b) => a.atMs - b.atMs);
}

interface Span {
  from: number;
  to: number;
}

/** `whole` without the `holes` (as a sorted list of spans). */
export function subtract(whole: Span, holes: readonly Span[]): Span[] {
  let spans: Span[] = [whole];
  for (const hole of holes) {
    spans = spans.flatMap((s) => {
      if (hole.to <= s.from || hole.from >= s.to) return [s];
      const parts: Span[] = [];
      if (hole.from > s.from) parts.push({ from: s.from, to: hole.from });
      if (hole.to < s.to) parts.push({ from: hole.to, to: s.to });
      return parts;
    });
  }
  return spans.sort((a, b) => a.from - b.from);
}

/**
 * `count` times spread evenly over the spans (as if they were laid end to end), each moved at random
 * within the middle 60 % of its share, so neighbours stay at least 40 % of a share apart.
 */
export function spread(spans: readonly Span[], count: number, rng: Prng): number[] {
  const total = spans.reduce((sum, s) => sum + (s.to - s.from), 0);
  if (count <= 0 || total <= 0) return [];
  const share = total / count;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    let offset = i * share + share * rng.between(0.2, 0.8);
    for (const s of spans) {
      const length = s.to - s.from;
      if (offset <= length) {
        times.push(s.from + offset);
        break;
      }
      offset -= length;
    }
  }
  return times;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A one-line description of a planned fault, for the progress output and the report. */
export function describeFault(f: PlannedFault): string {
  switch (f.kind) {
    case 'kill':
      return `SIGKILL ${f.instanceId}`;
    case 'latency':
      return `+${f.latencyMs} ms latency on ${f.instanceId ?? `every ${f.service} instance`} for ${((f.untilMs - f.atMs) / 1000).toFixed(1)} s`;
    case 'errors':
      return `${Math.round(f.errorRate * 100)} % errors on ${f.instanceId ?? `every ${f.service} instance`} for ${((f.untilMs - f.atMs) / 1000).toFixed(1)} s`;
    case 'nats':
      return `NATS server down for ${f.downMs / 1000} s, then started again`;
    case 'postgres':
      return `PostgreSQL down for ${f.downMs / 1000} s, then started again`;
  }
}

import { InstanceHeartbeat } from '@shop/contracts';

/** One run of an instance id: what two processes with the same id are told apart by. */
export type Incarnation = Pick<InstanceHeartbeat, 'bootId' | 'startedAt'>;

/**
 * Of two live processes with one instance id, true when `a` is the one that keeps serving: the one that
 * started first, and between equal start times the smaller boot id. Both processes and every caller reach the
 * same answer from the heartbeats alone, so exactly one of them yields.
 */
export function keepsServing(a: Incarnation, b: Incarnation): boolean {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt;
  return a.bootId < b.bootId;
}

/** Another process already serves this instance id; this one must not. */
export class DuplicateInstanceError extends Error {
  override name = 'DuplicateInstanceError';

  constructor(
    readonly prefix: string,
    readonly other: InstanceHeartbeat,
  ) {
    super(
      `Another process already serves instance id ${other.instanceId} under subject prefix "${prefix}": ` +
        `pid ${other.pid} on ${other.host}, started ${other.startedAt} (${other.service}, ${other.state}). ` +
        'This process exits without serving. Stop the other one, or give this one another INSTANCE_ID ' +
        'or SUBJECT_PREFIX.',
    );
  }
}

import type { BreakerState, InstanceStatus } from '@shop/contracts';

/** Colour and wording of each instance status, used by every page that lists instances. */
export const STATUS_STYLE: Record<InstanceStatus, { colour: string; label: string }> = {
  healthy: { colour: '#16a34a', label: 'healthy' },
  suspect: { colour: '#d97706', label: 'suspect (no heartbeat > 1 s)' },
  down: { colour: '#dc2626', label: 'down (no heartbeat > 2 s)' },
  disabled: { colour: '#6b7280', label: 'disabled by an admin' },
  starting: { colour: '#2563eb', label: 'starting' },
  draining: { colour: '#7c3aed', label: 'draining' },
};

export const BREAKER_STYLE: Record<BreakerState, { colour: string; label: string }> = {
  closed: { colour: '#16a34a', label: 'closed' },
  'half-open': { colour: '#d97706', label: 'half-open' },
  open: { colour: '#dc2626', label: 'open' },
};

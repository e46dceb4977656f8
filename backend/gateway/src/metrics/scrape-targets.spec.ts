import { InstanceHeartbeat } from '@shop/contracts';
import { KnownInstance } from '@shop/messaging';
import { scrapeTargets } from './scrape-targets';

const instance = (
  instanceId: string,
  over: Partial<InstanceHeartbeat> = {},
  left = false,
): KnownInstance => ({
  heartbeat: {
    service: 'inventory',
    instanceId,
    host: 'vm',
    healthPort: 4100,
    ...over,
  } as InstanceHeartbeat,
  lastSeen: 0,
  left,
  unreachable: false,
  reportedLost: false,
});

describe('scrapeTargets', () => {
  it('lists host:healthPort of each instance with its service, id and liveness', () => {
    const groups = scrapeTargets(
      [instance('inventory-1'), instance('inventory-2', { healthPort: 4101, host: 'other' })],
      (i) => (i.heartbeat.instanceId === 'inventory-2' ? 'down' : 'alive'),
    );
    expect(groups).toEqual([
      {
        targets: ['vm:4100'],
        labels: { service: 'inventory', instance_id: 'inventory-1', liveness: 'alive' },
      },
      {
        targets: ['other:4101'],
        labels: { service: 'inventory', instance_id: 'inventory-2', liveness: 'down' },
      },
    ]);
  });

  it('leaves out instances without a health port and those that left', () => {
    const groups = scrapeTargets(
      [instance('a', { healthPort: undefined }), instance('b', {}, true), instance('c')],
      () => 'alive',
    );
    expect(groups.map((g) => g.labels.instance_id)).toEqual(['c']);
  });
});

import { MAX_SCALED_INSTANCES } from '@shop/contracts';
import { ProcessSpec } from './process-specs';
import { planScale } from './scale-plan';

const specs: ProcessSpec[] = [
  { name: 'gateway', script: 'g.js', defaultInstances: 1, service: 'gateway', mode: 'cluster' },
  { name: 'inventory', script: 'i.js', defaultInstances: 3, service: 'inventory' },
  { name: 'smtp-sink', script: 's.js', defaultInstances: 1 },
];
const running = new Map<string, number[]>([
  ['gateway', [1]],
  ['inventory', [1, 3]],
  ['smtp-sink', [1]],
]);

describe('planScale', () => {
  it('starts the lowest free numbers and stops the highest first', () => {
    expect(planScale(specs, running, { service: 'inventory', delta: 2 })).toMatchObject({
      start: [2, 4],
      stop: [],
    });
    expect(planScale(specs, running, { service: 'inventory', instances: 1 })).toMatchObject({
      start: [],
      stop: [3],
    });
    expect(planScale(specs, running, { service: 'gateway', delta: 1 })).toMatchObject({ start: [2] });
  });

  it.each([
    [
      { service: 'warehouse', delta: 1 },
      'unknown-service',
      /Unknown service "warehouse".*gateway, inventory$/,
    ],
    [{ service: 'smtp-sink', delta: 1 }, 'not-scalable', /smtp-sink is not a platform service/],
    [
      { service: 'inventory', delta: -2 },
      'below-minimum',
      /fewer than 1 instance \(it runs 2; asked for 0\)/,
    ],
    [{ service: 'inventory', instances: MAX_SCALED_INSTANCES + 1 }, 'above-maximum', /more than 8 instances/],
    [{ service: 'inventory' }, 'bad-command', /either "instances"/],
    [{ service: 'inventory', delta: 1, instances: 3 }, 'bad-command', /either "instances"/],
    [{ service: 'inventory', delta: 0.5 }, 'bad-command', /delta must be an integer/],
  ])('refuses %j as %s', (cmd, refusal, message) => {
    const plan = planScale(specs, running, cmd);
    expect(plan).toMatchObject({ ok: false, refusal });
    expect((plan as { message: string }).message).toMatch(message);
  });
});

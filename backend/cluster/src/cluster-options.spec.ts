import { parseClusterOptions } from './cluster-options';
import { PROCESS_SPECS } from './process-specs';

describe('parseClusterOptions', () => {
  it('uses the default instance counts and node flags', () => {
    const options = parseClusterOptions(PROCESS_SPECS, [], {});
    expect(options.instances).toEqual({
      gateway: 1,
      auth: 2,
      inventory: 3,
      cart: 2,
      orders: 2,
      payment: 2,
      'smtp-sink': 1,
      notification: 1,
    });
    expect(options.nodeFlags).toEqual(['--max-semi-space-size=1']);
    expect(options.port).toBe(3000);
    expect(options.prefix).toBe('shop');
  });

  it('takes counts from INSTANCES_<NAME>, <NAME>_INSTANCES and the command line (which wins)', () => {
    const options = parseClusterOptions(PROCESS_SPECS, ['--inventory=5', '--orders', '4'], {
      INSTANCES_INVENTORY: '1',
      GATEWAY_INSTANCES: '2',
      INSTANCES_CART: '0',
      INSTANCE_NODE_OPTIONS: '--max-old-space-size=200  --max-semi-space-size=2',
    });
    expect(options.instances).toMatchObject({ inventory: 5, orders: 4, gateway: 2, cart: 0 });
    expect(options.nodeFlags).toEqual(['--max-old-space-size=200', '--max-semi-space-size=2']);
  });

  it('refuses unknown options and bad counts with a message naming them', () => {
    expect(() => parseClusterOptions(PROCESS_SPECS, ['--invntory=2'], {})).toThrow('--invntory');
    expect(() => parseClusterOptions(PROCESS_SPECS, ['--auth=two'], {})).toThrow('--auth must be an integer');
    expect(() => parseClusterOptions(PROCESS_SPECS, [], { INSTANCES_AUTH: '-1' })).toThrow('INSTANCES_AUTH');
  });

  it('reads the embedded-database, raw-log and no-web switches', () => {
    const options = parseClusterOptions(PROCESS_SPECS, ['--embedded-db', '--raw-logs', '--no-web'], {});
    expect(options).toMatchObject({ forceEmbeddedDb: true, rawLogs: true, skipWebBuild: true });
    expect(parseClusterOptions(PROCESS_SPECS, [], { EMBEDDED_DB: '1' }).forceEmbeddedDb).toBe(true);
  });
});

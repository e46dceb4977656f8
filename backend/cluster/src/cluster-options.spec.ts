import { loadConfig } from '@shop/common';
import { parseClusterOptions } from './cluster-options';
import { clusterEnv } from './config/cluster.env';
import { PROCESS_SPECS } from './process-specs';

const parse = (argv: string[], env: Record<string, string> = {}) =>
  parseClusterOptions(PROCESS_SPECS, argv, loadConfig(clusterEnv, env));

describe('parseClusterOptions', () => {
  it('uses the default instance counts and node flags', () => {
    const options = parse([]);
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
    expect(options).toMatchObject({ color: true, verbose: false, shutdownGraceMs: 10_000, dataDir: '.data' });
  });

  it('takes counts from INSTANCES_<NAME>, <NAME>_INSTANCES and the command line (which wins)', () => {
    const options = parse(['--inventory=5', '--orders', '4'], {
      INSTANCES_INVENTORY: '1',
      GATEWAY_INSTANCES: '2',
      INSTANCES_CART: '0',
      INSTANCE_NODE_OPTIONS: '--max-old-space-size=200  --max-semi-space-size=2',
    });
    expect(options.instances).toMatchObject({ inventory: 5, orders: 4, gateway: 2, cart: 0 });
    expect(options.nodeFlags).toEqual(['--max-old-space-size=200', '--max-semi-space-size=2']);
  });

  it('refuses unknown options and bad counts with a message naming them', () => {
    expect(() => parse(['--invntory=2'])).toThrow('--invntory');
    expect(() => parse(['--auth=two'])).toThrow('--auth must be an integer');
    expect(() => parse([], { INSTANCES_AUTH: '-1' })).toThrow('INSTANCES_AUTH');
    expect(() => parse([], { SMTP_SINK_INSTANCES: '33' })).toThrow('SMTP_SINK_INSTANCES');
  });

  it('reads the embedded-database, raw-log and no-web switches, colours and verbosity', () => {
    expect(parse(['--embedded-db', '--raw-logs', '--no-web'])).toMatchObject({
      forceEmbeddedDb: true,
      rawLogs: true,
      skipWebBuild: true,
    });
    expect(parse([], { EMBEDDED_DB: '1', LOG_FORMAT: 'json', SKIP_WEB_BUILD: 'yes' })).toMatchObject({
      forceEmbeddedDb: true,
      rawLogs: true,
      skipWebBuild: true,
    });
    expect(parse([], { NO_COLOR: '1', LOG_LEVEL: 'debug' })).toMatchObject({ color: false, verbose: true });
  });
});

import { DEFAULT_OPTIONS, FAULT_KINDS, parseChaosOptions } from './options';

describe('parseChaosOptions', () => {
  const seed = () => '42';

  it('has defaults and a random seed when nothing is given', () => {
    expect(parseChaosOptions([], seed)).toEqual({ ...DEFAULT_OPTIONS, seed: '42' });
  });

  it('reads every option, with = or a separate value', () => {
    const o = parseChaosOptions(
      [
        '--duration',
        '600',
        '--seed=abc',
        '--faults',
        'kill,nats',
        '--shoppers=20',
        '--think-ms',
        '0',
        '--kills',
        '3',
        '--instances',
        '3',
        '--write-schema',
        '--keep-data',
      ],
      seed,
    );
    expect(o).toEqual({
      durationS: 600,
      seed: 'abc',
      faults: ['kill', 'nats'],
      shoppers: 20,
      thinkMs: 0,
      kills: 3,
      instances: 3,
      writeSchema: true,
      keepData: true,
    });
  });

  it('accepts "none" for no faults and asks for help', () => {
    expect(parseChaosOptions(['--faults', 'none'], seed)).toMatchObject({ faults: [] });
    expect(parseChaosOptions(['--help'], seed)).toBe('help');
    expect(FAULT_KINDS).toEqual(['kill', 'latency', 'errors', 'nats', 'postgres']);
  });

  it('refuses bad input with a message naming the problem', () => {
    expect(() => parseChaosOptions(['--faults', 'kill,flood'], seed)).toThrow(/Unknown fault kind "flood"/);
    expect(() => parseChaosOptions(['--duration', 'ten'], seed)).toThrow(/--duration must be a whole number/);
    expect(() => parseChaosOptions(['--instances', '1'], seed)).toThrow(
      /--instances must be a whole number from 2/,
    );
    expect(() => parseChaosOptions(['--seed'], seed)).toThrow(/--seed needs a value/);
    expect(() => parseChaosOptions(['--fast'], seed)).toThrow(/Unknown option "--fast"/);
  });
});

import { PROCESS_SPECS, gcThreadFlags } from './process-specs';

describe('gcThreadFlags', () => {
  it('collects on the main thread only on machines with two cores or fewer, unless told', () => {
    expect(gcThreadFlags('auto', 2)).toEqual(['--single-threaded-gc']);
    expect(gcThreadFlags('auto', 1)).toEqual(['--single-threaded-gc']);
    expect(gcThreadFlags('auto', 8)).toEqual([]);
    expect(gcThreadFlags('single', 8)).toEqual(['--single-threaded-gc']);
    expect(gcThreadFlags('parallel', 2)).toEqual([]);
  });

  it('refuses a setting it does not know, naming it', () => {
    expect(() => gcThreadFlags('two', 2)).toThrow('GC_THREADS must be auto, single or parallel (got "two")');
  });

  it('gives every serving service the young generation and the GC setting, and no flags to the others', () => {
    const flags = (name: string) => PROCESS_SPECS.find((s) => s.name === name)?.nodeFlags;
    expect(flags('gateway')).toEqual(['--max-semi-space-size=16', ...gcThreadFlags()]);
    expect(flags('cart')).toEqual(flags('gateway'));
    expect(flags('smtp-sink')).toBeUndefined();
  });

  it('gives the serving services two malloc arenas unless MALLOC_ARENA_MAX is set', () => {
    const env = (name: string) => PROCESS_SPECS.find((s) => s.name === name)?.env;
    expect(env('gateway')).toEqual({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' });
    expect(env('notification')).toBeUndefined();
  });
});

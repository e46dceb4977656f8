import { loadConfig } from '@shop/common';
import { servingNodeFlags, servingProcessEnv, servingTuningEnv } from './serving-tuning';

const tuning = (env: Record<string, string> = {}) => loadConfig(servingTuningEnv, env);

describe('serving tuning', () => {
  it('collects on the main thread only on machines with two cores or fewer, unless told', () => {
    const gcFlag = (setting: string, cores: number) =>
      servingNodeFlags(tuning({ GC_THREADS: setting }), cores).includes('--single-threaded-gc');
    expect(gcFlag('auto', 2)).toBe(true);
    expect(gcFlag('auto', 1)).toBe(true);
    expect(gcFlag('auto', 8)).toBe(false);
    expect(gcFlag('single', 8)).toBe(true);
    expect(gcFlag('parallel', 2)).toBe(false);
  });

  it('gives a serving instance the larger young generation', () => {
    expect(servingNodeFlags(tuning(), 8)).toEqual(['--max-semi-space-size=16']);
  });

  it('gives two malloc arenas unless MALLOC_ARENA_MAX says otherwise', () => {
    expect(servingProcessEnv(tuning())).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(servingProcessEnv(tuning({ MALLOC_ARENA_MAX: '8' }))).toEqual({ MALLOC_ARENA_MAX: '8' });
  });

  it('refuses a GC setting it does not know, naming the variable', () => {
    expect(() => tuning({ GC_THREADS: 'two' })).toThrow('GC_THREADS');
  });
});

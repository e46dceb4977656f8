import { Report } from '../lib/report';
import { BenchSystem } from '../lib/system';

/** Settings from the command line that every scenario reads. */
export interface BenchArgs {
  /** Seconds per measured load run. */
  durationS: number;
  /** Seconds of warm-up before the first measured run against a target. */
  warmupS: number;
  /** Seconds the instances sit idle before their memory is read. */
  idleS: number;
  /** How many times the platform scenario repeats its runs in turns (its ratios are per-round medians). */
  rounds: number;
}

export interface ScenarioContext {
  system: BenchSystem;
  report: Report;
  args: BenchArgs;
  root: string;
  logDir: string;
}

export interface Scenario {
  /** Name used by `--only`. */
  name: string;
  /** What the scenario measures, in a few words (its section title in the report). */
  title: string;
  run(ctx: ScenarioContext): Promise<void>;
}

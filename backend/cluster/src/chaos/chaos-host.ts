import {
  ChaosRunState,
  ChaosStartCommand,
  ChaosStatus,
  SupervisorReply,
  chaosStartCommandProblem,
} from '@shop/contracts';

/** A chaos run as the host drives it (LiveChaosRun of backend/chaos). */
export interface ChaosRunHandle {
  start(): Promise<ChaosRunState>;
  state(): ChaosRunState;
  readonly isOver: boolean;
  stop(by: string): void;
  abort(reason: string): Promise<ChaosRunState>;
}

/**
 * The supervisor's side of chaos mode: one run at a time, started, stopped and reported on command. The
 * last run stays readable until the next one starts.
 */
export class ChaosHost {
  private current?: ChaosRunHandle;

  constructor(
    private readonly createRun: (cmd: ChaosStartCommand) => ChaosRunHandle,
    private readonly say: (line: string) => void,
  ) {}

  start(body: unknown): SupervisorReply<ChaosRunState> {
    const problem = chaosStartCommandProblem(body);
    if (problem) return { ok: false, refusal: 'bad-command', message: problem };
    if (this.current && !this.current.isOver) {
      const run = this.current.state();
      return {
        ok: false,
        refusal: 'chaos-running',
        message: `Chaos run ${run.id} (started by ${run.startedBy}) is still ${run.phase}; stop it first`,
      };
    }
    const run = this.createRun(body as ChaosStartCommand);
    this.current = run;
    void run
      .start()
      .then((end) =>
        this.say(`chaos run ${end.id} ${end.phase}${end.errors.length ? `: ${end.errors.join('; ')}` : ''}`),
      );
    return { ok: true, result: run.state() };
  }

  stop(body: unknown): SupervisorReply<ChaosRunState> {
    if (!this.current || this.current.isOver)
      return { ok: false, refusal: 'no-chaos-run', message: 'No chaos run is going on' };
    const by = (body as { by?: unknown } | null)?.by;
    this.current.stop(typeof by === 'string' && by ? by : 'an operator');
    return { ok: true, result: this.current.state() };
  }

  status(): SupervisorReply<ChaosStatus> {
    return { ok: true, result: { run: this.current?.state() ?? null } };
  }

  /** Ends a run going on (the cluster is stopping): its load stops and its faults are removed. */
  async shutdown(): Promise<void> {
    if (this.current && !this.current.isOver) await this.current.abort('the supervisor is stopping');
  }
}

import { ChaosRunState, ChaosStartCommand } from '@shop/contracts';
import { ChaosHost, ChaosRunHandle } from './chaos-host';

const command: ChaosStartCommand = {
  runId: 'chaos-1',
  durationSeconds: 20,
  seed: '18',
  faults: ['kill'],
  startedBy: 'admin@shop.test',
  shoppers: [{ userId: 'u1', email: 'test@x.test', accessToken: 't', sessionId: 's', tier: 'normal' }],
};

/** A run that stays where the test puts it. */
class FakeRun implements ChaosRunHandle {
  phase: ChaosRunState['phase'] = 'running';
  stoppedBy?: string;
  abortedFor?: string;
  private finish!: () => void;
  private readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(readonly cmd: ChaosStartCommand) {}

  get isOver(): boolean {
    return ['passed', 'failed', 'error'].includes(this.phase);
  }
  start(): Promise<ChaosRunState> {
    return this.finished.then(() => this.state());
  }
  state(): ChaosRunState {
    return {
      id: this.cmd.runId,
      startedBy: this.cmd.startedBy,
      phase: this.phase,
      errors: [],
    } as unknown as ChaosRunState;
  }
  stop(by: string): void {
    this.stoppedBy = by;
  }
  end(phase: ChaosRunState['phase']): void {
    this.phase = phase;
    this.finish();
  }
  abort(reason: string): Promise<ChaosRunState> {
    this.abortedFor = reason;
    this.end('error');
    return this.start();
  }
}

describe('ChaosHost', () => {
  let runs: FakeRun[];
  let host: ChaosHost;
  beforeEach(() => {
    runs = [];
    host = new ChaosHost(
      (cmd) => {
        const run = new FakeRun(cmd);
        runs.push(run);
        return run;
      },
      () => undefined,
    );
  });

  it('has no run before the first start', () => {
    expect(host.status()).toEqual({ ok: true, result: { run: null } });
    expect(host.stop({ by: 'x' })).toMatchObject({ ok: false, refusal: 'no-chaos-run' });
  });

  it('starts one run at a time and refuses a second while the first goes on', () => {
    expect(host.start(command)).toMatchObject({ ok: true, result: { id: 'chaos-1', phase: 'running' } });
    const second = host.start({ ...command, runId: 'chaos-2' });
    expect(second).toMatchObject({ ok: false, refusal: 'chaos-running' });
    expect(second.ok ? '' : second.message).toMatch(
      /chaos-1 \(started by admin@shop.test\) is still running/,
    );
    expect(runs).toHaveLength(1);
  });

  it('refuses a malformed command without starting anything', () => {
    const reply = host.start({ ...command, durationSeconds: 5 });
    expect(reply).toMatchObject({ ok: false, refusal: 'bad-command' });
    expect(reply.ok ? '' : reply.message).toMatch(/durationSeconds/);
    expect(runs).toHaveLength(0);
  });

  it('stops the run for the operator, keeps the last run readable, and starts the next once it is over', () => {
    host.start(command);
    expect(host.stop({ by: 'ops@shop.test' })).toMatchObject({ ok: true });
    expect(runs[0].stoppedBy).toBe('ops@shop.test');
    runs[0].end('passed');
    expect(host.status()).toMatchObject({ ok: true, result: { run: { id: 'chaos-1', phase: 'passed' } } });
    expect(host.stop({})).toMatchObject({ ok: false, refusal: 'no-chaos-run' });
    expect(host.start({ ...command, runId: 'chaos-2' })).toMatchObject({
      ok: true,
      result: { id: 'chaos-2' },
    });
  });

  it('aborts a run going on when the supervisor stops, and leaves a finished one alone', async () => {
    host.start(command);
    await host.shutdown();
    expect(runs[0].abortedFor).toBe('the supervisor is stopping');
    host.start({ ...command, runId: 'chaos-2' });
    runs[1].end('failed');
    await host.shutdown();
    expect(runs[1].abortedFor).toBeUndefined();
  });
});

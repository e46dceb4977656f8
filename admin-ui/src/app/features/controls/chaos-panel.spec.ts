import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { ChaosRunState } from '@shop/contracts';
import { EVENT_SOURCE_FACTORY, SessionStore, fakeEventSources } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../../core/auth/test-tokens';
import { ChaosPanel } from './chaos-panel';

function run(over: Partial<ChaosRunState> = {}): ChaosRunState {
  return {
    id: 'chaos-20261207-101500-ab12',
    seed: '18',
    durationSeconds: 20,
    faultKinds: ['kill', 'latency', 'errors'],
    startedBy: 'admin@shop.test',
    phase: 'running',
    startedAt: '2026-12-07T10:15:00.000Z',
    elapsedMs: 6500,
    shoppers: 8,
    faults: [
      {
        kind: 'kill',
        description: 'SIGKILL orders-2',
        atMs: 3100,
        endMs: 6200,
        outcome: 'done',
        note: 'pid 4242 killed; serving again as pid 4300 after 3.1 s',
      },
      {
        kind: 'latency',
        description: '+400 ms latency on every cart instance',
        atMs: 5000,
        outcome: 'active',
        note: '',
      },
    ],
    requests: { ok: 120, 'client-error': 4, 'retry-later': 2, 'server-error': 0, network: 1, timeout: 0 },
    attempts: 131,
    orders: { placed: 9, refused: 2, unanswered: 0 },
    configFaultsActive: 1,
    errors: [],
    ...over,
  };
}

describe('ChaosPanel', () => {
  let sources: ReturnType<typeof fakeEventSources>;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    sources = fakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
    TestBed.inject(SessionStore).signIn(tokensFor(ADMIN_USER));
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    backend.verify();
    // The signed-in session stays in localStorage otherwise, and the next spec file would start signed in.
    localStorage.clear();
  });

  async function open() {
    const fixture = TestBed.createComponent(ChaosPanel);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    return { fixture, el };
  }
  const q = <T extends Element>(el: HTMLElement, testid: string) =>
    el.querySelector<T>(`[data-testid=${testid}]`)!;
  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it('starts a run with the duration, seed and faults given, and shows it at once', async () => {
    const { fixture, el } = await open();
    expect(sources.opened[0].url).toContain('/api/admin/chaos/stream?access_token=');
    sources.opened[0].emit('chaos', { run: null });
    await fixture.whenStable();
    expect(q(el, 'chaos-phase').textContent).toContain('No chaos run yet');
    expect(q(el, 'chaos-phase').getAttribute('aria-live')).toBe('polite');

    type(q<HTMLInputElement>(el, 'chaos-duration'), '20');
    type(q<HTMLInputElement>(el, 'chaos-seed'), '18');
    el.querySelector<HTMLInputElement>('input[data-fault-kind=errors]')!.click();
    await fixture.whenStable();
    q<HTMLButtonElement>(el, 'chaos-start').click();
    await fixture.whenStable();
    const post = backend.expectOne({ method: 'POST', url: '/api/admin/chaos' });
    expect(post.request.body).toEqual({ durationSeconds: 20, seed: '18', faults: ['kill', 'latency'] });
    post.flush(run({ phase: 'preparing', faults: [], elapsedMs: 0 }));
    await fixture.whenStable();
    expect(q(el, 'chaos-phase').textContent).toContain('chaos-20261207-101500-ab12');
    expect(q(el, 'chaos-phase').textContent).toContain('preparing');
    expect(q<HTMLButtonElement>(el, 'chaos-start').disabled).toBe(true);
    expect(q<HTMLButtonElement>(el, 'chaos-stop').disabled).toBe(false);
    fixture.destroy();
  });

  it('shows the faults and client counters live, and each invariant with pass or fail at the end', async () => {
    const { fixture, el } = await open();
    sources.opened[0].emit('chaos', { run: run() });
    await fixture.whenStable();
    const faults = Array.from(el.querySelectorAll('[data-testid=chaos-faults] li'));
    expect(faults.map((f) => f.getAttribute('data-outcome'))).toEqual(['done', 'active']);
    expect(faults[0].textContent).toContain('3.1 s');
    expect(faults[0].textContent).toContain('SIGKILL orders-2');
    expect(el.querySelector('[data-kind=ok] dd')?.textContent).toBe('120');
    expect(el.querySelector('[data-kind=network] dd')?.textContent).toBe('1');
    expect(el.querySelector('[data-kind=orders] dd')?.textContent).toContain('9 / 2 / 0');
    expect(q(el, 'chaos-invariants')).toBeNull();

    sources.opened[0].emit('chaos', {
      run: run({
        phase: 'failed',
        invariants: [
          {
            id: 'no-order-lost',
            title: 'No order lost',
            checkedWhat: '2xx order answers',
            checked: 9,
            violations: 0,
            examples: [],
          },
          {
            id: 'no-double-charge',
            title: 'No double charge',
            checkedWhat: 'orders',
            checked: 11,
            violations: 1,
            examples: ['order o1 has 2 payments (AUTHORIZED, AUTHORIZED)'],
          },
        ],
      }),
    });
    await fixture.whenStable();
    const invariants = Array.from(el.querySelectorAll('[data-testid=chaos-invariants] > li'));
    expect(invariants.map((i) => i.querySelector('.verdict')?.textContent)).toEqual(['pass', 'fail']);
    expect(invariants[1].textContent).toContain('order o1 has 2 payments');
    expect(q(el, 'chaos-phase').textContent).toContain('failed');
    expect(q<HTMLButtonElement>(el, 'chaos-stop').disabled).toBe(true);
    fixture.destroy();
  });

  it('stops a run early', async () => {
    const { fixture, el } = await open();
    sources.opened[0].emit('chaos', { run: run() });
    await fixture.whenStable();
    q<HTMLButtonElement>(el, 'chaos-stop').click();
    await fixture.whenStable();
    backend
      .expectOne({ method: 'DELETE', url: '/api/admin/chaos' })
      .flush(run({ phase: 'draining', stoppedEarlyBy: 'admin@shop.test' }));
    await fixture.whenStable();
    expect(q(el, 'chaos-phase').textContent).toContain('stopped early by admin@shop.test');
    // The stream's next news of the run wins over the answer.
    sources.opened[0].emit('chaos', { run: run({ phase: 'checking', stoppedEarlyBy: 'admin@shop.test' }) });
    await fixture.whenStable();
    expect(q(el, 'chaos-phase').textContent).toContain('checking the invariants');
    fixture.destroy();
  });

  it('refuses a duration out of bounds before sending anything, and shows a refusal of the API', async () => {
    const { fixture, el } = await open();
    sources.opened[0].emit('chaos', { run: null });
    type(q<HTMLInputElement>(el, 'chaos-duration'), '5');
    await fixture.whenStable();
    expect(q<HTMLButtonElement>(el, 'chaos-start').disabled).toBe(true);
    expect(el.querySelector('[role=alert]')?.textContent).toContain('from 10 to 300');

    type(q<HTMLInputElement>(el, 'chaos-duration'), '30');
    await fixture.whenStable();
    q<HTMLButtonElement>(el, 'chaos-start').click();
    await fixture.whenStable();
    backend
      .expectOne('/api/admin/chaos')
      .flush(
        { statusCode: 409, code: 'CONFLICT', message: 'Chaos run chaos-1 (started by x) is still running' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('is still running');
    fixture.destroy();
  });

  it('says why chaos mode is not available when no supervisor runs the cluster', async () => {
    const { fixture, el } = await open();
    sources.opened[0].emit('chaos-unavailable', {
      statusCode: 409,
      message: 'This cluster is not run by the local supervisor (npm start), so chaos mode is not available',
    });
    await fixture.whenStable();
    expect(q(el, 'chaos-unavailable').textContent).toContain('not run by the local supervisor');
    expect(q<HTMLButtonElement>(el, 'chaos-start').disabled).toBe(true);
    fixture.destroy();
  });
});

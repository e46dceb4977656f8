import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { ScaleResult, SupervisorStatus } from '@shop/contracts';
import { cluster, instance, service } from '../services/test-health';
import { ScalePanel } from './scale-panel';

const STATUS: SupervisorStatus = {
  pid: 100,
  host: 'box',
  processes: [
    { name: 'gateway', instances: ['gateway-1'], scalable: true, min: 1, max: 8 },
    { name: 'inventory', instances: ['inventory-1', 'inventory-2'], scalable: true, min: 1, max: 8 },
    { name: 'auth', instances: ['auth-1'], scalable: true, min: 1, max: 8 },
    { name: 'smtp-sink', instances: ['smtp-sink-1'], scalable: false, min: 1, max: 8 },
  ],
};

describe('ScalePanel', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function open() {
    const fixture = TestBed.createComponent(ScalePanel);
    fixture.componentRef.setInput(
      'services',
      cluster([service('inventory', [instance(), instance({ instanceId: 'inventory-2', status: 'down' })])])
        .services,
    );
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }
  const row = (el: HTMLElement, name: string) => el.querySelector<HTMLElement>(`tr[data-service="${name}"]`)!;
  const button = (el: HTMLElement, name: string, which: 'plus' | 'minus') =>
    row(el, name).querySelector<HTMLButtonElement>(`[data-testid=${which}]`)!;

  it('lists the scalable services with their instances and live health, − disabled at one instance', async () => {
    const { fixture, el } = await open();
    backend.expectOne('/api/admin/supervisor').flush(STATUS);
    await fixture.whenStable();
    expect(
      Array.from(el.querySelectorAll('tr[data-service]')).map((r) => r.getAttribute('data-service')),
    ).toEqual(['gateway', 'inventory', 'auth']);
    expect(row(el, 'inventory').querySelector('[data-testid=count]')?.textContent).toBe('2');
    expect(row(el, 'inventory').textContent).toContain('inventory-1, inventory-2');
    expect(row(el, 'inventory').textContent).toContain('1 / 2');
    expect(button(el, 'auth', 'minus').disabled).toBe(true);
    expect(button(el, 'auth', 'plus').disabled).toBe(false);
    fixture.destroy();
  });

  it('scales up with + and shows the instance the supervisor started; shows a refusal as an error', async () => {
    const { fixture, el } = await open();
    backend.expectOne('/api/admin/supervisor').flush(STATUS);
    await fixture.whenStable();
    button(el, 'inventory', 'plus').click();
    await fixture.whenStable();
    const post = backend.expectOne({ method: 'POST', url: '/api/admin/supervisor/scale' });
    expect(post.request.body).toEqual({ service: 'inventory', delta: 1 });
    expect(button(el, 'inventory', 'plus').disabled).toBe(true);
    const result: ScaleResult = {
      service: 'inventory',
      before: ['inventory-1', 'inventory-2'],
      instances: ['inventory-1', 'inventory-2', 'inventory-3'],
      started: ['inventory-3'],
      stopped: [],
    };
    post.flush(result);
    await fixture.whenStable();
    expect(row(el, 'inventory').querySelector('[data-testid=count]')?.textContent).toBe('3');
    expect(el.querySelector('.notice')?.textContent).toContain(
      'inventory: 2 → 3 instances (started inventory-3)',
    );

    button(el, 'gateway', 'plus').click();
    await fixture.whenStable();
    backend
      .expectOne('/api/admin/supervisor/scale')
      .flush(
        { statusCode: 400, code: 'BAD_REQUEST', message: 'gateway cannot run more than 8 instances' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(el.querySelector('.notice.error')?.textContent).toContain('cannot run more than 8 instances');
    expect(button(el, 'gateway', 'plus').disabled).toBe(false);
    fixture.destroy();
  });

  it('says so when no supervisor runs the cluster, with no buttons', async () => {
    const { fixture, el } = await open();
    backend.expectOne('/api/admin/supervisor').flush(
      {
        statusCode: 409,
        code: 'CONFLICT',
        message: 'This cluster is not run by the local supervisor (npm start)',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=unsupervised]')?.textContent).toContain(
      'not run by the local supervisor',
    );
    expect(el.querySelectorAll('[data-testid=plus]')).toHaveLength(0);
    fixture.destroy();
  });
});

import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { defaultClusterConfig, type ClusterConfigChange, type ClusterConfigSnapshot } from '@shop/contracts';
import { FakeEventSource, fakeEventSources } from '@shop/web';
import { ClusterHealthStream, EVENT_SOURCE_FACTORY } from '../services/cluster-health-stream';
import { cluster, instance, service } from '../services/test-health';
import { SystemControlsPage } from './system-controls-page';

describe('SystemControlsPage', () => {
  let backend: HttpTestingController;
  let opened: FakeEventSource[];
  /** The configuration stream the page opened. */
  const configStream = () => opened.find((s) => s.url.startsWith('/api/services/config/stream'))!;
  const push = (snapshot: ClusterConfigSnapshot, history: ClusterConfigChange[] = []) =>
    configStream().emit('config', { snapshot, history });

  beforeEach(() => {
    // No session left behind by another spec: the stream URLs are then the bare routes.
    localStorage.clear();
    const sources = fakeEventSources();
    opened = sources.opened;
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // Nothing is polled: every figure arrives over the streams.
    backend.expectNone('/api/services/config');
    backend.expectNone('/api/services/config/history');
  });

  function snapshot(
    revision: number,
    change: Partial<ReturnType<typeof defaultClusterConfig>> = {},
  ): ClusterConfigSnapshot {
    return { revision, config: { ...defaultClusterConfig(), ...change } };
  }

  it('loads the configuration and history, sends a disable command, and shows the new revision', async () => {
    TestBed.inject(ClusterHealthStream).health.set(
      cluster([
        service('inventory', [
          instance({ instanceId: 'inventory-1' }),
          instance({ instanceId: 'inventory-2' }),
        ]),
      ]),
    );
    const fixture = TestBed.createComponent(SystemControlsPage);
    fixture.detectChanges();
    push(snapshot(4), [
      {
        revision: 4,
        at: '2026-11-23T22:00:00.000Z',
        by: 'admin@shop.local',
        summary: 'consistency → strong',
      },
    ]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('revision 4');
    expect(el.textContent).toContain('consistency → strong');

    const row = el.querySelector('adm-instances-panel tr[data-instance="inventory-2"]')!;
    (
      Array.from(row.querySelectorAll('button')).find((b) =>
        b.textContent?.includes('Disable'),
      ) as HTMLButtonElement
    ).click();
    const post = backend.expectOne({ method: 'POST', url: '/api/services/config' });
    expect(post.request.body).toEqual({ action: 'disable', instanceId: 'inventory-2' });
    post.flush(snapshot(5, { disabledInstances: ['inventory-2'] }));
    await fixture.whenStable();
    // The answer shows at once, before the stream brings the change.
    expect(el.querySelector('.notice')?.textContent).toContain('Applied (revision 5).');
    expect(el.textContent).toContain('revision 5');
    push(snapshot(5, { disabledInstances: ['inventory-2'] }), [
      {
        revision: 5,
        at: '2026-11-23T22:01:00.000Z',
        by: 'admin@shop.local',
        summary: 'disabled instance inventory-2',
      },
    ]);
    await fixture.whenStable();
    expect(el.querySelector('.notice')?.textContent).toContain(
      'Applied (revision 5): disabled instance inventory-2.',
    );
    const updated = el.querySelector('adm-instances-panel tr[data-instance="inventory-2"]')!;
    expect(updated.textContent).toContain('Enable');
    fixture.destroy();
  });

  it('keeps listing a disabled instance that stopped reporting, so it can be enabled again', async () => {
    const fixture = TestBed.createComponent(SystemControlsPage);
    fixture.detectChanges();
    push(snapshot(2, { disabledInstances: ['cart-9'] }));
    await fixture.whenStable();
    const row = (fixture.nativeElement as HTMLElement).querySelector(
      'adm-instances-panel tr[data-instance="cart-9"]',
    );
    expect(row?.textContent).toContain('not reporting');
    (
      Array.from(row!.querySelectorAll('button')).find((b) =>
        b.textContent?.includes('Enable'),
      ) as HTMLButtonElement
    ).click();
    expect(backend.expectOne({ method: 'POST', url: '/api/services/config' }).request.body).toEqual({
      action: 'enable',
      instanceId: 'cart-9',
    });
    fixture.destroy();
  });

  it('shows the gateway message when a command is refused', async () => {
    const fixture = TestBed.createComponent(SystemControlsPage);
    fixture.detectChanges();
    push(snapshot(1));
    await fixture.whenStable();
    const consistency = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll('[role=radio]'),
    ).find((b) => b.textContent?.includes('eventual')) as HTMLButtonElement;
    consistency.click();
    backend
      .expectOne({ method: 'POST', url: '/api/services/config' })
      .flush(
        { statusCode: 403, code: 'FORBIDDEN', message: 'This action requires the admin role' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('.notice.error')?.textContent).toContain(
      'This action requires the admin role',
    );
    fixture.destroy();
  });

  it("shows another admin's change and who made it as it arrives, and closes the stream on leaving", async () => {
    const fixture = TestBed.createComponent(SystemControlsPage);
    fixture.detectChanges();
    expect(configStream().url).toBe('/api/services/config/stream');
    push(snapshot(7));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('revision 7');
    expect(el.querySelector('[data-testid=config-stream]')?.textContent).toContain('live');
    push(snapshot(8, { consistency: 'eventual', updatedBy: 'ops@shop.local' }), [
      {
        revision: 8,
        at: '2026-11-23T22:05:00.000Z',
        by: 'ops@shop.local',
        summary: 'consistency → eventual',
      },
    ]);
    await fixture.whenStable();
    expect(el.textContent).toContain('revision 8 · last change by ops@shop.local');
    const history = el.querySelector('adm-config-history tbody tr')!;
    expect(history.textContent).toContain('ops@shop.local');
    expect(history.textContent).toContain('consistency → eventual');
    const eventual = Array.from(el.querySelectorAll('[role=radio]')).find((b) =>
      b.textContent?.includes('eventual'),
    );
    expect(eventual?.getAttribute('aria-checked')).toBe('true');
    fixture.destroy();
    expect(configStream().closed).toBe(true);
  });

  it('takes the payment provider down through the configuration, and asks the supervisor what it runs', async () => {
    const fixture = TestBed.createComponent(SystemControlsPage);
    fixture.detectChanges();
    push(snapshot(3));
    await fixture.whenStable();
    backend.expectOne('/api/admin/supervisor').flush({ pid: 1, host: 'box', processes: [] });
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-outage=none]')?.getAttribute('aria-checked')).toBe('true');
    el.querySelector<HTMLButtonElement>('[data-outage=fail]')!.click();
    const post = backend.expectOne({ method: 'POST', url: '/api/services/config' });
    expect(post.request.body).toEqual({ action: 'set-payment-outage', paymentOutage: 'fail' });
    post.flush(snapshot(4, { paymentOutage: 'fail' }));
    await fixture.whenStable();
    expect(el.querySelector('[data-outage=fail]')?.getAttribute('aria-checked')).toBe('true');
    fixture.destroy();
  });
});

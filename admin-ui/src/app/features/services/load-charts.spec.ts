import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import type { InstanceHealth } from '@shop/contracts';
import { EVENT_SOURCE_FACTORY, fakeEventSources, type FakeEventSource } from '@shop/web';
import { ServiceMonitorPage } from './service-monitor-page';
import { cluster, instance, service } from './test-health';

const T0 = Date.parse('2026-11-23T22:10:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function inv(id: string, s: number, served: number, extra: Partial<InstanceHealth> = {}): InstanceHealth {
  return instance({ instanceId: id, bootId: `${id}-b1`, served, sentAt: iso(T0 + s * 1000), ...extra });
}

describe('Service Monitor load charts', () => {
  let opened: FakeEventSource[];

  beforeEach(() => {
    const sources = fakeEventSources();
    opened = sources.opened;
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
      ],
    });
  });

  function picture(s: number, instances: InstanceHealth[]) {
    const p = cluster([service('inventory', instances)]);
    opened[0].emit('health', { ...p, generatedAt: iso(T0 + s * 1000) });
  }

  it('charts every instance of the cluster with a text alternative, and shows a killed one as down', async () => {
    const fixture = TestBed.createComponent(ServiceMonitorPage);
    await fixture.whenStable();
    picture(0, [inv('inventory-1', 0, 100), inv('inventory-2', 0, 100)]);
    picture(1, [inv('inventory-1', 1, 112), inv('inventory-2', 1, 105)]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const chart = el.querySelector('[data-chart=rate-inventory]')!;
    expect(chart.querySelector('figcaption')?.textContent).toContain('inventory: requests/s per instance');
    const img = chart.querySelector('[role=img]')!;
    expect(img.getAttribute('aria-label')).toBe(
      'inventory: requests/s per instance. Now: inventory-1 12/s, inventory-2 5.0/s',
    );
    const rows = () =>
      Array.from(chart.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent?.trim()),
      );
    expect(rows()).toEqual([
      ['inventory-1', '12/s', '12/s'],
      ['inventory-2', '5.0/s', '5.0/s'],
    ]);

    picture(2, [inv('inventory-1', 2, 120), inv('inventory-2', 1, 105, { status: 'down' })]);
    await fixture.whenStable();
    expect(rows()).toEqual([
      ['inventory-1', '8.0/s', '12/s'],
      ['inventory-2', 'down', '5.0/s'],
    ]);
    expect(chart.querySelector('tr[data-series=inventory-2]')?.classList.contains('out')).toBe(true);
    expect(img.getAttribute('aria-label')).toContain('inventory-2 down');

    const p99 = el.querySelector('[data-chart=p99]')!;
    expect(p99.querySelector('tbody tr')?.textContent).toContain('8.5 ms');
    // The gateway's heartbeat counts RPC, not the HTTP it serves: it gets no rate chart.
    expect(el.querySelector('[data-chart=rate-gateway]')).toBeNull();
    fixture.destroy();
  });
});

import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ServiceHealthCard } from './service-health-card';
import { instance, service } from './test-health';

describe('ServiceHealthCard', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] }));

  it('shows every instance with its status colour, figures, breaker and share of routed traffic', async () => {
    const fixture = TestBed.createComponent(ServiceHealthCard);
    fixture.componentRef.setInput(
      'service',
      service('inventory', [
        instance({ instanceId: 'inventory-1', routed: 300 }),
        instance({
          instanceId: 'inventory-2',
          routed: 100,
          status: 'suspect',
          breaker: 'open',
          lastHeartbeatAgoMs: 1500,
        }),
      ]),
    );
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.pill')?.textContent).toContain('1/2 healthy');
    const rows = Array.from(el.querySelectorAll('tbody tr'));
    expect(rows.map((r) => r.getAttribute('data-instance'))).toEqual(['inventory-1', 'inventory-2']);
    const second = rows[1].textContent ?? '';
    expect(second).toContain('suspect');
    expect(second).toContain('open');
    expect(second).toContain('1.5 s ago');
    expect(second).toContain('(25%)');
    expect(second).toContain('90 MB');
    expect((rows[1].querySelector('.dot') as HTMLElement).style.background).toBe('rgb(217, 119, 6)');
    expect(rows[0].textContent).toContain('(75%)');
  });

  it('says so when a service has no instance', async () => {
    const fixture = TestBed.createComponent(ServiceHealthCard);
    fixture.componentRef.setInput('service', service('payment', []));
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No instance has sent a heartbeat');
  });
});

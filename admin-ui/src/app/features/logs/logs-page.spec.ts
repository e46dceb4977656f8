import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { LogsPage, isoFromLocal } from './logs-page';
import { logEntry } from './test-logs';

describe('LogsPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: fakeEventSources().factory },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  it('lists entries and a click on a correlation id shows that request across services', async () => {
    const fixture = TestBed.createComponent(LogsPage);
    await fixture.whenStable();
    backend
      .expectOne((r) => r.url === '/api/logs')
      .flush({
        entries: [
          logEntry({
            id: '2-0',
            level: 'error',
            service: 'payment',
            instanceId: 'payment-2',
            message: 'Provider error',
            correlationId: 'corr-xyz',
          }),
          logEntry(),
        ],
        scannedMessages: 2,
        firstSeq: 1,
        lastSeq: 2,
      });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = el.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].getAttribute('data-level')).toBe('error');
    expect(rows[0].textContent).toContain('payment-2');
    expect(rows[1].textContent).toContain('[Checkout]');

    (rows[0].querySelector('button.corr') as HTMLButtonElement).click();
    const query = backend.expectOne((r) => r.url === '/api/logs');
    expect(query.request.params.get('correlationId')).toBe('corr-xyz');
    query.flush({
      entries: [logEntry({ id: '2-0', correlationId: 'corr-xyz' })],
      scannedMessages: 1,
      firstSeq: 1,
      lastSeq: 2,
    });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=trace]')?.textContent).toContain('corr-xyz');
    expect((el.querySelector('input[aria-label="Correlation id"]') as HTMLInputElement).value).toBe(
      'corr-xyz',
    );
    fixture.destroy();
  });

  it('sends the From and To inputs as an ISO time range', async () => {
    const fixture = TestBed.createComponent(LogsPage);
    await fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/logs').flush({ entries: [], firstSeq: 0, lastSeq: 0 });
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('input[aria-label="From"]') as HTMLInputElement).value = '2026-01-01T10:00:05';
    (el.querySelector('input[aria-label="To"]') as HTMLInputElement).value = '2026-01-01T11:30:00';
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const query = backend.expectOne((r) => r.url === '/api/logs');
    expect(query.request.params.get('from')).toBe(new Date('2026-01-01T10:00:05').toISOString());
    expect(query.request.params.get('to')).toBe(new Date('2026-01-01T11:30:00').toISOString());
    query.flush({ entries: [], firstSeq: 0, lastSeq: 0 });
    await fixture.whenStable();
    // The input shows the applied range again (the DOM may write the value with or without milliseconds).
    const shown = (el.querySelector('input[aria-label="From"]') as HTMLInputElement).value;
    expect(new Date(shown).getTime()).toBe(new Date('2026-01-01T10:00:05').getTime());
    fixture.destroy();
  });
});

describe('isoFromLocal', () => {
  it('reads a datetime-local value as local time; empty or invalid gives nothing', () => {
    expect(isoFromLocal('2026-03-04T05:06:07')).toBe(new Date(2026, 2, 4, 5, 6, 7).toISOString());
    expect(isoFromLocal('')).toBeUndefined();
    expect(isoFromLocal('soon')).toBeUndefined();
  });
});

import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { LogsPage } from './logs-page';
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
});

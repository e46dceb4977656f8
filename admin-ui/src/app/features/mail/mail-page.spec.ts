import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { MailPage } from './mail-page';
import { receivedMail } from './test-mail';

const MAIL_URL = '/api/notifications/mail';

describe('MailPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function open(reply: Parameters<TestRequest['flush']>[0]) {
    const fixture = TestBed.createComponent(MailPage);
    await fixture.whenStable();
    const request = backend.expectOne((r) => r.url === MAIL_URL);
    expect(request.request.params.get('limit')).toBe('50');
    expect(request.request.params.has('to')).toBe(false);
    request.flush(reply);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  function items(el: HTMLElement): HTMLButtonElement[] {
    return Array.from(el.querySelectorAll<HTMLButtonElement>('button[data-mail]'));
  }

  it('lists the mail newest first, as buttons', async () => {
    const { el } = await open([
      receivedMail({ id: 'older', subject: 'Order ord-1 confirmed', receivedAt: '2026-11-23T12:00:00.000Z' }),
      receivedMail({ id: 'newest', subject: 'Order ord-1 shipped', receivedAt: '2026-11-23T12:05:00.000Z' }),
      receivedMail({
        id: 'oldest',
        subject: 'Order ord-0 confirmed',
        receivedAt: '2026-11-23T11:00:00.000Z',
      }),
    ]);
    expect(items(el).map((b) => b.dataset['mail'])).toEqual(['newest', 'older', 'oldest']);
    expect(items(el)[0].textContent).toContain('Order ord-1 shipped');
    expect(items(el)[0].textContent).toContain('shopper@shop.local');
    expect(items(el).every((b) => b.type === 'button')).toBe(true);
    expect(el.querySelector('[role=status]')?.textContent).toContain('3 messages');
    expect(el.querySelector('iframe')).toBeNull();
  });

  it('shows the selected message in a sandboxed frame, never in the console DOM', async () => {
    const body = 'Your order ord-9 <script>alert(1)</script> is on its way & <b>soon</b>.';
    const { fixture, el } = await open([
      receivedMail({ id: 'm1', subject: 'Order ord-9 shipped', text: body }),
      receivedMail({ id: 'm0', receivedAt: '2026-11-22T12:00:00.000Z' }),
    ]);
    items(el)[0].click();
    await fixture.whenStable();

    expect(items(el)[0].getAttribute('aria-current')).toBe('true');
    expect(items(el)[1].hasAttribute('aria-current')).toBe(false);
    const message = el.querySelector('section.message')!;
    expect(message.querySelector('h2')?.textContent).toContain('Order ord-9 shipped');
    expect(message.querySelector('dl')?.textContent).toContain('orders@shop.local');
    expect(message.querySelector('dl')?.textContent).toContain('shopper@shop.local');
    expect(message.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-23T12:00:00.000Z');

    const frame = message.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('title')).toBe('Message body');
    const doc = frame.getAttribute('srcdoc')!;
    expect(doc).toContain('Content-Security-Policy');
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('&amp; &lt;b&gt;soon&lt;/b&gt;');
    expect(el.querySelector('script, b')).toBeNull();
  });

  it('renders an HTML body as HTML, only inside the sandboxed frame', async () => {
    const html = '<!doctype html><html><head><title>x</title></head><body><h1>Shipped</h1></body></html>';
    const { fixture, el } = await open([receivedMail({ id: 'h1', text: html })]);
    items(el)[0].click();
    await fixture.whenStable();
    const frame = el.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('<h1>Shipped</h1>');
    expect(el.querySelector('section.message h1')).toBeNull();
    expect(el.textContent).not.toContain('Shipped');
  });

  it('shows an empty state when no mail has arrived', async () => {
    const { el } = await open([]);
    expect(el.querySelector('[data-testid=mail-empty]')?.textContent).toContain('no mail yet');
    expect(items(el)).toHaveLength(0);
    expect(el.querySelector('[role=alert]')).toBeNull();
  });

  it('shows the gateway error, and Refresh loads again and clears it', async () => {
    const fixture = TestBed.createComponent(MailPage);
    await fixture.whenStable();
    backend
      .expectOne((r) => r.url === MAIL_URL)
      .flush(
        { code: 'UNAVAILABLE', message: 'notification did not answer in time' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role=alert]')?.textContent).toContain('notification did not answer in time');
    expect(el.querySelector('[data-testid=mail-empty]')).toBeNull();

    const refresh = Array.from(el.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Refresh',
    )!;
    refresh.click();
    backend.expectOne((r) => r.url === MAIL_URL).flush([receivedMail()]);
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')).toBeNull();
    expect(items(el)).toHaveLength(1);
  });

  it('Refresh brings new mail to the top and keeps the selected message open', async () => {
    const { fixture, el } = await open([receivedMail({ id: 'm1' })]);
    items(el)[0].click();
    await fixture.whenStable();

    const refresh = Array.from(el.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Refresh',
    )!;
    refresh.click();
    backend
      .expectOne((r) => r.url === MAIL_URL)
      .flush([
        receivedMail({ id: 'm2', receivedAt: '2026-11-23T13:00:00.000Z' }),
        receivedMail({ id: 'm1' }),
      ]);
    await fixture.whenStable();
    expect(items(el).map((b) => b.dataset['mail'])).toEqual(['m2', 'm1']);
    expect(items(el)[1].getAttribute('aria-current')).toBe('true');
    expect(el.querySelector('iframe')).not.toBeNull();
  });

  it('filters by recipient', async () => {
    const { fixture, el } = await open([receivedMail()]);
    const input = el.querySelector<HTMLInputElement>('#mail-to')!;
    expect(el.querySelector('label[for=mail-to]')?.textContent).toContain('To');
    input.value = 'vip@shop.local';
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    const request = backend.expectOne((r) => r.url === MAIL_URL);
    expect(request.request.params.get('to')).toBe('vip@shop.local');
    request.flush([]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=mail-empty]')?.textContent).toContain('No mail to vip@shop.local');
  });
});

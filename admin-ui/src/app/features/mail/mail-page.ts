import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import type { Subscription } from 'rxjs';
import type { ReceivedMailDto } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { MailApi } from './mail-api';
import { mailDocument } from './mail-document';

/** How many messages a page asks for, and how many more "Show more" adds (the gateway allows up to 500). */
export const MAIL_PAGE = 50;
export const MAIL_MAX = 500;

/** Newest first by receipt time (the gateway sends them so; the order is kept if it does not). */
function newestFirst(list: readonly ReceivedMailDto[]): ReceivedMailDto[] {
  const time = (m: ReceivedMailDto) => Date.parse(m.receivedAt) || 0;
  return [...list].sort((a, b) => time(b) - time(a));
}

/**
 * Mail: what the local SMTP sink received (order confirmations, shipments, failures), newest first, with the
 * selected message shown in a sandboxed frame. The list changes only on Refresh (there is no mail stream).
 */
@Component({
  selector: 'adm-mail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <header class="page-head">
      <h1>Mail</h1>
      <span class="muted" role="status">
        @if (loading()) {
          Loading…
        } @else if (loaded()) {
          {{ mail().length }} {{ mail().length === 1 ? 'message' : 'messages' }}
          {{ filter() ? 'to ' + filter() : '' }}
        }
      </span>
      <button type="button" class="primary" [disabled]="loading()" (click)="refresh()">Refresh</button>
    </header>

    <form
      class="card filters"
      role="search"
      aria-label="Filter mail"
      (submit)="$event.preventDefault(); showTo(to.value)"
    >
      <label for="mail-to">To</label>
      <input
        #to
        id="mail-to"
        type="email"
        placeholder="shopper@shop.local"
        autocomplete="off"
        [value]="filter()"
      />
      <button type="submit">Show</button>
      @if (filter()) {
        <button type="button" (click)="showTo('')">All recipients</button>
      }
    </form>

    @if (error(); as e) {
      <p class="notice error" role="alert" data-testid="mail-error">Could not load the mail: {{ e }}</p>
    }

    <div class="layout">
      <section class="card list" aria-labelledby="mail-list-title">
        <h2 id="mail-list-title">Received, newest first</h2>
        @if (mail().length > 0) {
          <ul>
            @for (m of mail(); track m.id) {
              <li>
                <button
                  type="button"
                  class="item"
                  [attr.data-mail]="m.id"
                  [attr.aria-current]="m.id === selectedId() ? 'true' : null"
                  (click)="select(m.id)"
                >
                  <span class="subject">{{ m.subject || '(no subject)' }}</span>
                  <span class="meta">
                    <span class="to">{{ m.to.join(', ') }}</span>
                    <time [attr.datetime]="m.receivedAt">{{ m.receivedAt | date: 'medium' }}</time>
                  </span>
                </button>
              </li>
            }
          </ul>
          @if (canShowMore()) {
            <button type="button" class="more" [disabled]="loading()" (click)="showMore()">
              Show older mail
            </button>
          }
        } @else if (loaded() && !error()) {
          <div class="empty" data-testid="mail-empty">
            <p>
              @if (filter()) {
                No mail to {{ filter() }} has arrived.
              } @else {
                The SMTP sink has received no mail yet.
              }
            </p>
            <p class="small">
              A shopper gets a message when an order is confirmed, shipped or cannot be completed. Place an
              order, then refresh.
            </p>
          </div>
        }
      </section>

      <section #message class="card message" aria-labelledby="mail-message-title">
        @if (selected(); as m) {
          <h2 id="mail-message-title">{{ m.subject || '(no subject)' }}</h2>
          <dl>
            <dt>From</dt>
            <dd>{{ m.from }}</dd>
            <dt>To</dt>
            <dd>{{ m.to.join(', ') }}</dd>
            <dt>Received</dt>
            <dd>
              <time [attr.datetime]="m.receivedAt">{{ m.receivedAt | date: 'medium' }}</time>
            </dd>
          </dl>
          <iframe sandbox="" title="Message body" [srcdoc]="frameDocument()"></iframe>
        } @else {
          <h2 id="mail-message-title" class="muted">Message</h2>
          <p class="muted">Select a message in the list to read it.</p>
        }
      </section>
    </div>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .filters input {
      flex: 1 1 14rem;
      min-width: 0;
      max-width: 24rem;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(16rem, 1fr) minmax(0, 2fr);
      gap: 1rem;
      align-items: start;
    }
    .layout > .card {
      margin-bottom: 0;
    }
    @media (max-width: 900px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .list ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    .item {
      display: grid;
      gap: 0.15rem;
      width: 100%;
      text-align: left;
      border-color: transparent;
      background: none;
      padding: 0.5rem 0.6rem;
    }
    .item:hover {
      background: var(--bg);
    }
    .item[aria-current='true'] {
      background: #f0fdfa;
      border-color: var(--accent);
    }
    .item:focus-visible,
    .filters :focus-visible,
    .page-head button:focus-visible,
    .more:focus-visible {
      outline: 2px solid var(--accent);
      outline-offset: 2px;
    }
    .subject {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 0.75rem;
      color: var(--muted);
      font-size: 0.85em;
    }
    .to {
      overflow-wrap: anywhere;
    }
    .more {
      margin-top: 0.75rem;
    }
    .message h2 {
      overflow-wrap: anywhere;
    }
    dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.25rem 0.75rem;
      margin: 0 0 0.75rem;
    }
    dt {
      color: var(--muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    iframe {
      display: block;
      width: 100%;
      height: min(60vh, 28rem);
      border: 1px solid var(--line);
      border-radius: 6px;
      background: #fff;
    }
  `,
})
export class MailPage {
  private readonly api = inject(MailApi);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly injector = inject(Injector);
  private readonly messagePanel = viewChild.required<ElementRef<HTMLElement>>('message');

  protected readonly mail = signal<readonly ReceivedMailDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  /** The recipient the list is filtered by ('' for everyone). */
  protected readonly filter = signal('');
  protected readonly limit = signal(MAIL_PAGE);
  protected readonly selectedId = signal<string | undefined>(undefined);
  protected readonly selected = computed(() => this.mail().find((m) => m.id === this.selectedId()));
  protected readonly canShowMore = computed(
    () => this.mail().length >= this.limit() && this.limit() < MAIL_MAX,
  );
  /**
   * The selected message as the frame's document. Angular would sanitize a plain string bound to srcdoc
   * (dropping its style and policy); trusting it is safe only because the frame is sandbox="" and the
   * document carries a policy that lets it load nothing (see mailDocument).
   */
  protected readonly frameDocument = computed((): SafeHtml | undefined => {
    const m = this.selected();
    return m ? this.sanitizer.bypassSecurityTrustHtml(mailDocument(m.text)) : undefined;
  });

  private request: Subscription | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.load();
  }

  protected refresh(): void {
    this.load();
  }

  protected showTo(to: string): void {
    this.filter.set(to.trim());
    this.limit.set(MAIL_PAGE);
    this.selectedId.set(undefined);
    this.load();
  }

  protected showMore(): void {
    this.limit.update((n) => Math.min(n + MAIL_PAGE, MAIL_MAX));
    this.load();
  }

  protected select(id: string): void {
    this.selectedId.set(id);
    // On a narrow screen the message is under the list: bring it into view (a no-op when it is visible).
    afterNextRender(() => this.messagePanel().nativeElement.scrollIntoView?.({ block: 'nearest' }), {
      injector: this.injector,
    });
  }

  private load(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.request = this.api.list({ to: this.filter() || undefined, limit: this.limit() }).subscribe({
      next: (list) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.error.set(undefined);
        this.mail.set(newestFirst(list));
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.error.set(toProblem(err).message);
      },
    });
  }
}

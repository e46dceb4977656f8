import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { UserDto, UserPage, UserTier } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { UsersApi } from './users-api';

const PAGE_SIZE = 20;

/** Users: find accounts and change a shopper's tier (VIP orders go to the priority queue). */
@Component({
  selector: 'adm-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-head">
      <h1>Users</h1>
      @if (page(); as p) {
        <span class="muted">{{ p.total }} accounts</span>
      }
    </header>
    <form class="card filters" (submit)="$event.preventDefault(); search(q.value, tier.value)">
      <input #q type="search" placeholder="part of the e-mail" aria-label="E-mail" />
      <select #tier aria-label="Tier">
        <option value="">any tier</option>
        <option value="vip">VIP</option>
        <option value="normal">normal</option>
      </select>
      <button type="submit" class="primary">Search</button>
    </form>
    @if (message(); as m) {
      <p class="notice" [class.error]="m.kind === 'error'" role="status">{{ m.text }}</p>
    }
    <section class="card">
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>E-mail</th>
              <th>Role</th>
              <th>Tier</th>
              <th>Since</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (u of page()?.items ?? []; track u.id) {
              <tr [attr.data-user]="u.email">
                <td>{{ u.email }}</td>
                <td>{{ u.role }}</td>
                <td>
                  <span class="pill" [class.warn]="u.tier === 'vip'">{{ u.tier }}</span>
                </td>
                <td>{{ u.createdAt.slice(0, 10) }}</td>
                <td>
                  <button type="button" [disabled]="busy() === u.id" (click)="toggle(u)">
                    Make {{ u.tier === 'vip' ? 'normal' : 'VIP' }}
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      @if (pages() > 1) {
        <p class="pager">
          <button type="button" [disabled]="pageNo() <= 1" (click)="go(pageNo() - 1)">Previous</button>
          page {{ pageNo() }} of {{ pages() }}
          <button type="button" [disabled]="pageNo() >= pages()" (click)="go(pageNo() + 1)">Next</button>
        </p>
      }
    </section>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .pager {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      justify-content: center;
    }
  `,
})
export class UsersPage {
  private readonly api = inject(UsersApi);

  protected readonly page = signal<UserPage | undefined>(undefined);
  protected readonly pageNo = signal(1);
  protected readonly busy = signal<string | undefined>(undefined);
  protected readonly message = signal<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  protected readonly pages = computed(() => {
    const p = this.page();
    return p ? Math.max(1, Math.ceil(p.total / p.pageSize)) : 1;
  });
  private query: { q?: string; tier?: UserTier } = {};

  constructor() {
    this.load();
  }

  protected search(q: string, tier: string): void {
    this.query = { q: q.trim() || undefined, tier: (tier || undefined) as UserTier | undefined };
    this.pageNo.set(1);
    this.load();
  }

  protected go(page: number): void {
    this.pageNo.set(page);
    this.load();
  }

  protected toggle(user: UserDto): void {
    const tier: UserTier = user.tier === 'vip' ? 'normal' : 'vip';
    this.busy.set(user.id);
    this.api.setTier(user.id, tier).subscribe({
      next: (updated) => {
        this.busy.set(undefined);
        this.page.update(
          (p) => p && { ...p, items: p.items.map((u) => (u.id === updated.id ? updated : u)) },
        );
        this.message.set({
          kind: 'ok',
          text: `${updated.email} is now ${updated.tier === 'vip' ? 'VIP' : 'normal'}.`,
        });
      },
      error: (err: unknown) => {
        this.busy.set(undefined);
        this.message.set({ kind: 'error', text: toProblem(err).message });
      },
    });
  }

  private load(): void {
    this.api.list({ ...this.query, page: this.pageNo(), pageSize: PAGE_SIZE }).subscribe({
      next: (page) => this.page.set(page),
      error: (err: unknown) => this.message.set({ kind: 'error', text: toProblem(err).message }),
    });
  }
}

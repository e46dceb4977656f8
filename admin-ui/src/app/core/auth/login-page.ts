import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthApi, safeReturnUrl, toProblem } from '@shop/web';

@Component({
  selector: 'adm-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <section class="login card">
      <h1>Shop Admin</h1>
      <p class="muted">Sign in with an admin account to watch and steer the cluster.</p>
      <form [formGroup]="form" (ngSubmit)="submit()">
        <label>
          E-mail
          <input type="email" formControlName="email" autocomplete="username" required />
        </label>
        <label>
          Password
          <input type="password" formControlName="password" autocomplete="current-password" required />
        </label>
        @if (error()) {
          <p class="error" role="alert">{{ error() }}</p>
        }
        <button type="submit" class="primary" [disabled]="busy()">
          {{ busy() ? 'Signing in…' : 'Sign in' }}
        </button>
      </form>
    </section>
  `,
  styles: `
    .login {
      max-width: 360px;
      margin: 10vh auto;
    }
    form {
      display: grid;
      gap: 0.75rem;
    }
    label {
      display: grid;
      gap: 0.25rem;
    }
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);

  /** Where to go after signing in (query parameter, bound by the router). */
  readonly returnUrl = input<string>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.error.set('Enter an e-mail address and a password.');
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(undefined);
    this.auth.login(email, password).subscribe({
      next: (tokens) => {
        this.busy.set(false);
        if (tokens.user.role !== 'admin') {
          this.auth.logout();
          this.error.set(`${tokens.user.email} is not an admin account.`);
          return;
        }
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), '/services'));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toProblem(err).message);
      },
    });
  }
}

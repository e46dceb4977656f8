import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { describePasswordProblems } from '@shop/contracts';
import { AuthApi, safeReturnUrl, toProblem } from '@shop/web';

@Component({
  selector: 'sf-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  template: `
    <section class="auth-card">
      <h1>Create an account</h1>
      <form [formGroup]="form" (ngSubmit)="submit()">
        <label>
          E-mail
          <input type="email" formControlName="email" autocomplete="email" required />
        </label>
        <label>
          Password
          <input type="password" formControlName="password" autocomplete="new-password" required />
        </label>
        <p class="small" [class.error]="passwordHint()" [class.muted]="!passwordHint()">
          {{
            passwordHint() ??
              'At least 8 characters with a lowercase letter, an uppercase letter and a digit.'
          }}
        </p>
        @if (error(); as e) {
          <p class="error" role="alert">{{ e }}</p>
        }
        <button type="submit" class="primary" [disabled]="busy()">
          {{ busy() ? 'Creating…' : 'Create account' }}
        </button>
      </form>
      <p>Already have one? <a routerLink="/login" [queryParams]="{ returnUrl: returnUrl() }">Sign in</a></p>
    </section>
  `,
})
export class RegisterPage {
  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);

  readonly returnUrl = input<string>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  private readonly password = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });
  /** The shared password policy (same rules as the auth service), shown as the shopper types. */
  protected readonly passwordHint = computed(() => {
    const password = this.password();
    return password ? describePasswordProblems(password) : undefined;
  });

  protected submit(): void {
    const { email, password } = this.form.getRawValue();
    const problem = this.form.controls.email.invalid
      ? 'Enter a valid e-mail address.'
      : describePasswordProblems(password);
    if (problem) {
      this.error.set(problem.charAt(0).toUpperCase() + problem.slice(1) + '.');
      return;
    }
    this.busy.set(true);
    this.error.set(undefined);
    this.auth.register(email, password).subscribe({
      next: () => {
        this.busy.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toProblem(err).message);
      },
    });
  }
}

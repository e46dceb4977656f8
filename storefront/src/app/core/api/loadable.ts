import { Signal, computed } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Observable, catchError, map, of, startWith, switchMap } from 'rxjs';

/** The state of data a page loads: while loading, once loaded, or failed (with what was thrown). */
export type Loadable<T> =
  { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

/**
 * Loads again whenever `params` changes (the previous request is cancelled) and exposes the state as a
 * signal. Call it in an injection context (a field initializer of a component).
 */
export function loadOnChange<P, T>(params: () => P, load: (params: P) => Observable<T>): Signal<Loadable<T>> {
  const changes = toObservable(computed(params));
  return toSignal(
    changes.pipe(
      switchMap((p) =>
        load(p).pipe(
          map((value): Loadable<T> => ({ status: 'ok', value })),
          catchError((error: unknown) => of<Loadable<T>>({ status: 'error', error })),
          startWith<Loadable<T>>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } },
  );
}

import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { useT } from './i18n';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Run `load` when `deps` change; keeps the last error (a problem+json) to show it. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) => live && setState({ error: asApiError(e), loading: false }),
    );
    return () => { live = false; };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'Error', e instanceof Error ? e.message : String(e), 'XY_CLIENT');
}

/** A refusal as the API put it: its title and detail, and the stable code. */
export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  return (
    <div class="error" role="alert">
      <strong>{error.title || t('error')}</strong>
      {error.status ? <span class="code"> {error.status} · {error.code}</span> : null}
      <p>{error.detail}</p>
      {onRetry ? <button type="button" onClick={onRetry}>{t('retry')}</button> : null}
    </div>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  const t = useT();
  return <p class="empty">{children ?? t('empty')}</p>;
}

export function Loading() {
  const t = useT();
  return <p class="loading" aria-live="polite">{t('loading')}</p>;
}

/** What a loader gives: a spinner, the error, or the content. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.error) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <Loading />;
  return <>{children(loaded.data)}</>;
}

export function Section({ title, id, children, help }: { title: string; id?: string; help?: string; children: ComponentChildren }) {
  const headingId = `h-${id ?? title.replace(/\W+/g, '-')}`;
  return (
    <section class="card" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {help ? <p class="help">{help}</p> : null}
      {children}
    </section>
  );
}

/** A date as YYYY-MM-DD (an instant's day in UTC, which is how the registry states terms). */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—');
export const dayTime = (iso: string | null | undefined): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

/** Days from now until `iso` (negative when past). */
export const daysUntil = (iso: string): number => Math.ceil((Date.parse(iso) - Date.now()) / 86_400_000);

export function Deadline({ at }: { at: string }) {
  const t = useT();
  const days = daysUntil(at);
  return (
    <span class={days < 0 ? 'deadline overdue' : days <= 3 ? 'deadline soon' : 'deadline'}>
      {day(at)} ({days < 0 ? t('overdue') : `${days} ${t('daysLeft')}`})
    </span>
  );
}

export function Badge({ tone, children }: { tone: string; children: ComponentChildren }) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

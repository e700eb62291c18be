import { useState } from 'preact/hooks';
import { api, type ApiError, type Decision, type Me } from '../api';
import { useT } from '../i18n';
import { asApiError, Empty, ErrorBox, Section } from '../ui';

/** A relying party asks whether a subject may do an action, for a purpose on its key; sees the answer and its grounds only. */
export function DecidePage({ me }: { me: Me }) {
  const t = useT();
  const actions = me.actions.length > 0 ? me.actions : [];
  const purposes = me.purposes;
  const [subject, setSubject] = useState('');
  const [action, setAction] = useState(actions[0] ?? '');
  const [purpose, setPurpose] = useState(purposes[0] ?? 'operator_review');
  const [decision, setDecision] = useState<Decision | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDecision(undefined);
    try {
      setDecision(await api<Decision>('POST', '/v1/decisions', { subject: subject.trim(), action: action.trim(), purpose: purpose.trim() }));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <h1>{t('navDecide')}</h1>
      <form class="card" onSubmit={submit}>
        <div class="field">
          <label for="d-subject">{t('decisionSubject')}</label>
          <input id="d-subject" required maxLength={64} autocomplete="off" value={subject} onInput={(e) => setSubject((e.target as HTMLInputElement).value)} />
        </div>
        <div class="row">
          <div class="field">
            <label for="d-action">{t('action')}</label>
            {actions.length > 0 ? (
              <select id="d-action" value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
                {actions.map((a) => <option key={a} value={a}>{a}</option>)}
              </select>
            ) : <input id="d-action" required value={action} onInput={(e) => setAction((e.target as HTMLInputElement).value)} />}
          </div>
          <div class="field">
            <label for="d-purpose">{t('purpose')}</label>
            {purposes.length > 0 ? (
              <select id="d-purpose" value={purpose} onChange={(e) => setPurpose((e.target as HTMLSelectElement).value)}>
                {purposes.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            ) : <input id="d-purpose" required value={purpose} onInput={(e) => setPurpose((e.target as HTMLInputElement).value)} />}
          </div>
        </div>
        <p class="help">{t('rp_only')}</p>
        <button type="submit" class="primary" disabled={busy}>{t('decide')}</button>
      </form>
      <div aria-live="polite">
        {error ? <ErrorBox error={error} /> : null}
        {decision ? (
          <Section title={t('effect')} id="decision">
            <p class={`effect effect-${decision.effect}`} data-testid="effect">{t.code('effect', decision.effect)}</p>
            <p class="muted small">{decision.action} · {decision.asOf.slice(0, 10)} · {decision.policyVersion.slice(0, 19)}</p>
            <h3>{t('measures')}</h3>
            {decision.measures.length === 0 ? <Empty>{t('noMeasures')}</Empty> : (
              <table data-testid="measures">
                <thead><tr><th scope="col">{t('measures')}</th><th scope="col">{t('effect')}</th><th scope="col">{t('legalBasis')}</th><th scope="col">{t('remedy')}</th></tr></thead>
                <tbody>{decision.measures.map((m) => <tr key={m.id}><td>{m.id}<br /><small>{m.kind}</small></td><td>{t.code('effect', m.effect)}</td><td>{m.legalBasis}</td><td>{m.remedy}</td></tr>)}</tbody>
              </table>
            )}
          </Section>
        ) : null}
      </div>
    </div>
  );
}

import { useState } from 'preact/hooks';
import { api, type ApiError, type CaseView, type Me, type Report } from '../api';
import { ReportView } from '../components/report-view';
import { useT, type TextKey } from '../i18n';
import { asApiError, Deadline, ErrorBox, Section, Show, useLoad } from '../ui';

/** The subject's own file: the same report, plus objections and repair applications of its own records. */
export function PortalPage({ me }: { me: Me }) {
  const t = useT();
  const loaded = useLoad(() => api<Report>('GET', `/v1/subjects/${encodeURIComponent(me.subjectId ?? '')}/report`), [me.subjectId]);
  return (
    <div>
      <Show loaded={loaded}>{(report) => (
        <ReportView report={report} linkRelations={false} actions={
          <div class="grid2">
            <CaseForm kind="objection" report={report} onFiled={loaded.reload} />
            <CaseForm kind="repair" report={report} onFiled={loaded.reload} />
          </div>
        } />
      )}</Show>
      <p class="muted small">{t('navPortal')} · {me.subjectId}</p>
    </div>
  );
}

function CaseForm({ kind, report, onFiled }: { kind: 'objection' | 'repair'; report: Report; onFiled: () => void }) {
  const t = useT();
  const [recordId, setRecordId] = useState(report.records[0]?.id ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [filed, setFiled] = useState<CaseView | undefined>();
  const [busy, setBusy] = useState(false);
  const objection = kind === 'objection';
  const ids = { record: `${kind}-record`, text: `${kind}-text` };
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setFiled(undefined);
    try {
      const body = objection ? { recordId, statement: text } : { recordId, commitment: text };
      setFiled(await api<CaseView>('POST', objection ? '/v1/objections' : '/v1/repairs', body));
      setText('');
      onFiled();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const title: TextKey = objection ? 'fileObjection' : 'applyRepair';
  return (
    <Section title={t(title)} id={`form-${kind}`}>
      {report.records.length === 0 ? <p class="empty">{t('empty')}</p> : (
        <form onSubmit={submit}>
          <div class="field">
            <label for={ids.record}>{t('record')}</label>
            <select id={ids.record} value={recordId} onChange={(e) => setRecordId((e.target as HTMLSelectElement).value)}>
              {report.records.map((r) => <option key={r.id} value={r.id}>{r.occurredAt.slice(0, 10)} · {r.type} · {r.status}</option>)}
            </select>
          </div>
          <div class="field">
            <label for={ids.text}>{t(objection ? 'statement' : 'commitment')}</label>
            <textarea id={ids.text} required rows={3} maxLength={objection ? 500 : 2000} value={text} aria-describedby={`${ids.text}-help`}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
            <small id={`${ids.text}-help`}>{t(objection ? 'statementHelp' : 'commitmentHelp')}</small>
          </div>
          {error ? <ErrorBox error={error} /> : null}
          {filed ? (
            <p class="success" role="status" data-testid={`${kind}-filed`}>
              {t(objection ? 'objectionFiled' : 'repairFiled')}<Deadline at={filed.dueAt} /> ({filed.status})
            </p>
          ) : null}
          <button type="submit" class="primary" disabled={busy}>{t('submit')}</button>
        </form>
      )}
    </Section>
  );
}

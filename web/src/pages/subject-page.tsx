import { api, qs, type Me, type Report } from '../api';
import { ReportView } from '../components/report-view';
import { useT } from '../i18n';
import { PurposeField, usePurpose } from '../purpose';
import { href } from '../router';
import { Show, useLoad } from '../ui';

/** The operator's view of one subject: the API's report, read for the purpose named. */
export function SubjectPage({ id, me }: { id: string; me: Me }) {
  const t = useT();
  const [purpose, setPurpose] = usePurpose();
  const loaded = useLoad(() => api<Report>('GET', `/v1/subjects/${encodeURIComponent(id)}/report${qs({ purpose })}`), [id, purpose]);
  // Unlinking moves records back to the provisional subject: the report is read again.
  const unlink = async (provisionalId: string, reason: string) => {
    await api('POST', `/v1/subjects/${encodeURIComponent(provisionalId)}/unlink`, { reason });
    loaded.reload();
  };
  return (
    <div>
      <p><a href={href('search')}>← {t('navSearch')}</a></p>
      {me.role === 'admin' ? <details class="card"><summary>{t('purpose')}: {purpose}</summary><PurposeField purpose={purpose} onChange={setPurpose} /></details> : null}
      <Show loaded={loaded}>{(report) => (
        <ReportView report={report} linkRelations={me.role === 'admin'} onUnlink={me.role === 'admin' ? unlink : undefined} />
      )}</Show>
    </div>
  );
}

import { useState } from 'preact/hooks';
import type { ApiError, ReportLinks, SubjectLinkView } from '../api';
import { useT } from '../i18n';
import { href } from '../router';
import { asApiError, Badge, Empty, ErrorBox, Section, dayTime } from '../ui';
import { bits, MatchWaterfall } from './match-waterfall';

/**
 * The subject's identity links: links into it (provisional subjects whose records count here) and
 * out of it, each with its weight and comparisons; `onUnlink` (admins) ends a standing link with a reason.
 */
export function LinksPanel({ subjectId, links, onUnlink }: { subjectId: string; links: ReportLinks; onUnlink?: (provisionalId: string, reason: string) => Promise<void> }) {
  const t = useT();
  const open = links.reviews.filter((r) => r.status === 'open');
  return (
    <Section title={t('links')} id="links" help={t('linksHelp')}>
      {links.linkedInto ? (
        <p class="linked-into">{t('linkedInto')}<a href={href('subject', links.linkedInto.targetId)} class="mono">{links.linkedInto.targetId}</a></p>
      ) : null}
      {links.history.length === 0 ? <Empty>{t('linksEmpty')}</Empty> : (
        <ul class="links">
          {[...links.history].reverse().map((l) => <LinkRow key={l.id} link={l} subjectId={subjectId} onUnlink={onUnlink} />)}
        </ul>
      )}
      {open.length > 0 ? (
        <p class="muted">{t('linkReviews')}: {open.map((r) => <span key={r.id}><a href={href('links')}>{r.source} · {r.ref}</a> ({bits(r.weight)} {t('bits')}) </span>)}</p>
      ) : null}
    </Section>
  );
}

function LinkRow({ link: l, subjectId, onUnlink }: { link: SubjectLinkView; subjectId: string; onUnlink?: (provisionalId: string, reason: string) => Promise<void> }) {
  const t = useT();
  const into = l.targetId === subjectId;
  const other = into ? l.subjectId : l.targetId;
  const otherView = into ? l.subject : l.target;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onUnlink!(l.subjectId, reason.trim());
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };
  return (
    <li class={`link ${l.unlinkedAt ? 'ended' : ''}`} data-testid="link" data-link={l.id}>
      <div class="rec-head">
        <Badge tone={l.unlinkedAt ? 'muted' : 'ok'}>{l.unlinkedAt ? t('unlinked') : t('linkActive')}</Badge>
        <strong>{into ? t('direction_in') : t('direction_out')}</strong>
        <a href={href('subject', other)} class="small">{otherView?.name ?? ''} <span class="mono">{otherView?.identity ?? other}</span></a>
        <span>{t('matchWeight')}: <strong>{bits(l.weight)}</strong> {t('bits')}</span>
        <Badge tone="muted">{l.basis}</Badge>
      </div>
      <dl class="rec-facts">
        {l.source ? <div><dt>{t('record')}</dt><dd>{l.source} · {l.ref}</dd></div> : null}
        <div><dt>{t('linkedAt')}</dt><dd>{dayTime(l.linkedAt)} · <span class="mono">{l.linkedBy}</span></dd></div>
        <div><dt>{t('reason')}</dt><dd>{l.reason}</dd></div>
        {l.note ? <div><dt>{t('linkNote')}</dt><dd>{l.note}</dd></div> : null}
        {l.unlinkedAt ? <div><dt>{t('unlinked')}</dt><dd>{dayTime(l.unlinkedAt)} · {l.unlinkReason}</dd></div> : null}
      </dl>
      {l.comparisons.length > 0 ? (
        <details>
          <summary>{t('comparisons')} ({l.comparisons.length})</summary>
          <MatchWaterfall comparisons={l.comparisons} weight={l.weight} />
        </details>
      ) : null}
      {onUnlink && !l.unlinkedAt ? (
        asking ? (
          <form class="unlink" onSubmit={submit}>
            <div class="field grow">
              <label for={`unlink-${l.id}`}>{t('unlinkReason')}</label>
              <textarea id={`unlink-${l.id}`} required maxLength={2000} rows={2} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
            </div>
            <div class="row">
              <button type="submit" class="primary" disabled={busy || reason.trim() === ''}>{t('confirmUnlink')}</button>
              <button type="button" disabled={busy} onClick={() => setAsking(false)}>{t('cancel')}</button>
            </div>
            {error ? <ErrorBox error={error} /> : null}
          </form>
        ) : <p><button type="button" onClick={() => setAsking(true)}>{t('unlink')}</button></p>
      ) : null}
    </li>
  );
}

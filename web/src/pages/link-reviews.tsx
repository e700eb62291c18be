import { useState } from 'preact/hooks';
import { api, qs, type ApiError, type LinkReview, type ReviewItem, type ReviewPage, type SubjectView } from '../api';
import { bits, MatchWaterfall } from '../components/match-waterfall';
import { useT } from '../i18n';
import { href } from '../router';
import { asApiError, Badge, Empty, ErrorBox, Show, dayTime, useLoad } from '../ui';

const PAGE = 20;

/** The identity-link review queue (admin): each uncertain link with both subjects and its comparisons, decided one by one. */
export function LinkReviewsPage() {
  const t = useT();
  // The cursors of the pages seen: `after` of the page shown is the last one.
  const [trail, setTrail] = useState<Array<string | undefined>>([undefined]);
  const after = trail[trail.length - 1];
  const loaded = useLoad(() => api<ReviewPage>('GET', `/v1/links/reviews${qs({ limit: PAGE, after })}`), [after]);
  const [done, setDone] = useState<Array<{ item: ReviewItem; decided: LinkReview }>>([]);
  const gone = new Set(done.map((d) => d.item.review.id));
  return (
    <div>
      <h1>{t('navLinks')}</h1>
      <p class="help">{t('linkReviewsHelp')}</p>
      <div aria-live="polite" data-testid="decided">
        {done.length > 0 ? (
          <div class="success">
            <strong>{t('decided')}</strong>
            <ul class="decided">
              {done.map(({ item, decided }) => (
                <li key={decided.id}>
                  <Badge tone={decided.status === 'linked' ? 'ok' : 'muted'}>{t.code('outcome', decided.status)}</Badge>{' '}
                  {item.review.source} · {item.review.ref} — {item.subject?.name ?? item.review.subjectId} → {item.candidate?.name ?? item.review.candidateId}
                  {decided.note ? <span class="muted"> ({decided.note})</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <Show loaded={loaded}>{(page) => {
        const items = page.items.filter((i) => !gone.has(i.review.id));
        return (
          <>
            {items.length === 0 ? <div class="card"><Empty>{t('reviewsEmpty')}</Empty></div> : (
              <ol class="reviews" data-testid="review-queue">
                {items.map((item) => <li key={item.review.id}><ReviewCard item={item} onDecided={(decided) => setDone((d) => [...d, { item, decided }])} /></li>)}
              </ol>
            )}
            <div class="pager">
              {trail.length > 1 ? <button type="button" onClick={() => setTrail([undefined])}>{t('first')}</button> : null}
              {page.next ? <button type="button" onClick={() => setTrail([...trail, page.next!])}>{t('more')}</button> : null}
            </div>
          </>
        );
      }}</Show>
    </div>
  );
}

function ReviewCard({ item, onDecided }: { item: ReviewItem; onDecided: (r: LinkReview) => void }) {
  const t = useT();
  const r = item.review;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const decide = async (outcome: 'link' | 'reject') => {
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = note.trim();
      onDecided(await api<LinkReview>('POST', `/v1/links/reviews/${encodeURIComponent(r.id)}/decision`, { outcome, ...(trimmed ? { note: trimmed } : {}) }));
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };
  const headingId = `review-${r.id}`;
  return (
    <article class="card review" aria-labelledby={headingId} data-testid="review" data-review={r.id}>
      <header class="review-head">
        <h2 id={headingId}><span class="muted">{t('record')}:</span> {r.source ?? '—'} · <span class="mono">{r.ref ?? '—'}</span></h2>
        <span class="muted small">{t('queuedAt')} {dayTime(r.createdAt)}</span>
        <Badge tone="muted">{r.basis}</Badge>
        <span class="weight" data-testid="weight">{t('matchWeight')}: <strong>{bits(r.weight)}</strong> {t('bits')}
          {typeof r.probability === 'number' ? <span class="muted"> · {t('probability')} {(r.probability * 100).toFixed(1)}%</span> : null}</span>
      </header>
      <div class="pair">
        <SubjectSide title={t('provisionalSubject')} subject={item.subject} id={r.subjectId} />
        <span class="pair-arrow" aria-hidden="true">→</span>
        <SubjectSide title={t('candidateSubject')} subject={item.candidate} id={r.candidateId} />
      </div>
      <p class="reason"><strong>{t('reason')}:</strong> {r.reason}</p>
      {r.comparisons.length > 0 ? <MatchWaterfall comparisons={r.comparisons} weight={r.weight} caption={t('comparisonsHelp')} /> : null}
      <form class="decide" onSubmit={(e) => e.preventDefault()}>
        <div class="field grow">
          <label for={`note-${r.id}`}>{t('note')}</label>
          <input id={`note-${r.id}`} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
        </div>
        <button type="button" class="primary" disabled={busy} onClick={() => void decide('link')}>{t('linkAction')}</button>
        <button type="button" disabled={busy} onClick={() => void decide('reject')}>{t('rejectAction')}</button>
      </form>
      {error ? <ErrorBox error={error} /> : null}
    </article>
  );
}

function SubjectSide({ title, subject, id }: { title: string; subject: SubjectView | null; id: string }) {
  const t = useT();
  return (
    <section class="side" aria-label={title}>
      <h3>{title}</h3>
      <p class="side-name"><a href={href('subject', id)}>{subject?.name ?? id}</a></p>
      <dl class="rec-facts">
        <div><dt>{t('identity')}</dt><dd class="mono">{subject?.identity ?? '—'}</dd></div>
        {subject ? <div><dt>{t('kind')}</dt><dd>{t.code('subjectKinds', subject.kind)}</dd></div> : null}
        {subject ? <div><dt>{t('createdAt')}</dt><dd>{dayTime(subject.createdAt)}</dd></div> : null}
      </dl>
      <p class="mono small muted">{id}</p>
    </section>
  );
}

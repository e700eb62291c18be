/** The registry's public HTTP API, called with the signed-in key; nothing else is fetched. */

export interface Problem {
  status: number;
  title: string;
  detail: string;
  code: string;
}

/** A refusal or failure as the API explained it (problem+json), or as the network did. */
export class ApiError extends Error implements Problem {
  constructor(readonly status: number, readonly title: string, readonly detail: string, readonly code: string) {
    super(detail || title);
  }
}

const KEY = 'xinyong.key';
export const storedKey = (): string | null => sessionStorage.getItem(KEY);
export const storeKey = (key: string | null): void => (key ? sessionStorage.setItem(KEY, key) : sessionStorage.removeItem(KEY));

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown, key = storedKey()): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'Network error', e instanceof Error ? e.message : String(e), 'XY_NETWORK');
  }
  const text = await response.text();
  const parsed = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const p = (parsed ?? {}) as Partial<Problem>;
    throw new ApiError(response.status, p.title ?? response.statusText, p.detail ?? text.slice(0, 300), p.code ?? `HTTP_${response.status}`);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const qs = (params: Record<string, string | number | undefined | null>): string => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
};

export interface Me {
  keyId: string;
  role: 'admin' | 'auditor' | 'relying_party' | 'furnisher' | 'subject';
  label: string | null;
  subjectId: string | null;
  source: string | null;
  actions: string[];
  purposes: string[];
}

export interface SubjectView {
  id: string;
  kind: string;
  idKind: string | null;
  identity: string | null;
  name: string | null;
  createdAt: string;
}

export interface RecordView {
  id: string; source: string; ref: string; type: string; status: string; dimension: string | null; severity: string | null;
  amount: number | null; occurredAt: string; receivedAt: string; closedAt: string | null; published: boolean;
  publishedUntil: string | null; repairableFrom: string | null; legalBasis: string | null;
  statements: Array<{ objectionId: string; filedAt: string; statement: string }>;
  /** Set when a subject linked into this one holds the record. */
  linkage?: RecordLinkage | null;
}

export interface CaseView {
  id: string; kind?: 'objection' | 'repair'; recordId: string; source: string; ref: string; type: string; status: string; dueAt: string;
  statement?: string; commitment?: string; filedAt?: string; appliedAt?: string; note?: string | null; subjectId?: string;
}

export interface Report {
  subject: SubjectView;
  asOf: string;
  policyVersion: string;
  records: RecordView[];
  lists: Array<{ list: string; kind: string; active: boolean; startedAt: string; endsAt: string; endReason: string }>;
  score: { score: number; grade: string; dimensions: Record<string, number>; reasons: Array<{ code: string; recordId: string; dimension: string; points: number; text: string }> };
  history: Array<{ at: string; score: number; grade: string; event: { recordId: string; type: string; kind: string; status: string } | null }>;
  relations: Array<{ type: string; direction: 'has' | 'is'; other: SubjectView | null; validFrom: string; validTo: string | null; status: string }>;
  objections: CaseView[];
  repairs: CaseView[];
  links?: ReportLinks;
  notices: Array<{ at: string; kind: string }>;
  accessLog: Array<{ at: string; actor: string; role: string; action: string; purpose: string | null }>;
}

export interface Decision {
  subject: string;
  action: string;
  effect: 'allow' | 'deny' | 'review' | 'benefit';
  measures: Array<{ id: string; kind: string; effect: string; legalBasis: string; remedy: string }>;
  policyVersion: string;
  asOf: string;
}

/** One field's comparison in a match: its agreement level and the bits it adds (or takes away). */
export interface LinkComparison { field: string; level: string; weight: number; text: string }

export interface LinkReview {
  id: string; subjectId: string; candidateId: string; status: string; basis: string;
  /** Match weight in bits; null when no weight was computed (a rule decided). */
  weight: number | null;
  probability?: number | null;
  reason: string; comparisons: LinkComparison[]; source: string | null; ref: string | null; createdAt: string;
  decidedAt?: string | null; decidedBy?: string | null; note?: string | null;
}

export interface ReviewItem { review: LinkReview; subject: SubjectView | null; candidate: SubjectView | null }
export interface ReviewPage { items: ReviewItem[]; next: string | null }

/** A link of a provisional subject into another: while it stands, the first's records count as the second's. */
export interface SubjectLinkView {
  id: string; subjectId: string; targetId: string; basis: string; weight: number | null; probability: number | null;
  reason: string; comparisons: LinkComparison[]; source: string | null; ref: string | null; note: string | null;
  linkedAt: string; linkedBy: string; unlinkedAt: string | null; unlinkedBy: string | null; unlinkReason: string | null;
  /** Both sides as the reader may see them (name, masked number). */
  subject?: SubjectView | null; target?: SubjectView | null;
}

/** How a record reached the subject whose report shows it (a linked subject holds it). */
export interface RecordLinkage {
  heldBy: string; linkId: string; basis: string; weight: number | null; probability: number | null;
  reason: string; comparisons: LinkComparison[]; linkedAt: string; linkedBy: string;
}

export interface ReportLinks { linkedInto: SubjectLinkView | null; history: SubjectLinkView[]; reviews: LinkReview[] }

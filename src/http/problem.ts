import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { XyError } from '../core/errors.js';
import { XyFailure } from '../app/xy-failure.js';

/**
 * Codes only the HTTP edge produces: they describe the request, not the registry, so they live
 * here rather than in the core catalogue (src/core/errors.ts).
 */
export const HttpErrors = {
  BAD_REQUEST: (why: string) => ({ code: 'XY_BAD_REQUEST', message: why }),
  BAD_JSON: () => ({ code: 'XY_BAD_JSON', message: 'the body is not valid JSON' }),
  BODY_TOO_LARGE: () => ({ code: 'XY_BODY_TOO_LARGE', message: 'the body is larger than this route accepts' }),
  TOO_MANY_RECORDS: (max: number) => ({ code: 'XY_TOO_MANY_RECORDS', message: `at most ${max} records per request; split the upload` }),
  UNSUPPORTED_MEDIA_TYPE: () => ({ code: 'XY_UNSUPPORTED_MEDIA_TYPE', message: 'this content type is not accepted here' }),
  // The path is not echoed: a caller who put an identity number in a URL must not see it logged back.
  NOT_FOUND: () => ({ code: 'XY_NOT_FOUND', message: 'no such route' }),
  CHECKPOINT_NOT_FOUND: () => ({ code: 'XY_CHECKPOINT_NOT_FOUND', message: 'no audit checkpoint has been signed yet' }),
  STORE_UNAVAILABLE: () => ({ code: 'XY_STORE_UNAVAILABLE', message: 'the store cannot be reached' }),
  INTERNAL: () => ({ code: 'XY_INTERNAL', message: 'internal error; quote the instance (request id) when reporting it' }),
} as const satisfies Record<string, (...args: never[]) => XyError>;

/** An expected failure that also sets response headers (WWW-Authenticate, Retry-After). */
export class HttpProblem extends XyFailure {
  constructor(error: XyError, readonly headers: Record<string, string> = {}) {
    super(error);
  }
}

const EXACT: Readonly<Record<string, number>> = {
  XY_UNAUTHENTICATED: 401,
  XY_FORBIDDEN: 403, XY_PURPOSE_REQUIRED: 403, XY_PURPOSE_NOT_ALLOWED: 403,
  XY_SUBJECT_NOT_FOUND: 404, XY_NOT_FOUND: 404, XY_CHECKPOINT_NOT_FOUND: 404, XY_LIST_NOT_FOUND: 404,
  XY_BODY_TOO_LARGE: 413, XY_TOO_MANY_RECORDS: 413, XY_UNSUPPORTED_MEDIA_TYPE: 415,
  XY_RATE_LIMITED: 429,
  XY_UNKNOWN_ACTION: 400, XY_BAD_ARGUMENT: 400, XY_BAD_REQUEST: 400, XY_BAD_JSON: 400, XY_KEY_GRANT: 400,
  XY_UNKNOWN_RECORD_TYPE: 400,
  XY_RECORD_NOT_FOUND: 404, XY_CASE_NOT_FOUND: 404,
  XY_OBJECTION_STATEMENT: 400, XY_REPAIR_COMMITMENT: 400,
  // The request is well-formed but the record or case is not in a state that allows it.
  XY_OBJECTION_NOT_ALLOWED: 409, XY_OBJECTION_EXISTS: 409, XY_OBJECTION_STATE: 409,
  XY_REPAIR_NOT_ELIGIBLE: 409, XY_REPAIR_EXISTS: 409, XY_REPAIR_STATE: 409,
  XY_LINK_REVIEW_NOT_FOUND: 404, XY_LINK_REVIEW_DECIDED: 409, XY_LINK_NOT_ALLOWED: 409, XY_LINK_NOT_FOUND: 409,
};
const PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['XY_ID_', 400], ['XY_USCC_', 400], ['XY_RECORD_', 400], ['XY_CSV_', 400], ['XY_STORE_', 503], ['XY_STREAM_', 503],
];

/** The status for a catalogue code; undefined for codes the edge does not expose (they become 500 XY_INTERNAL). */
export function statusOf(code: string): number | undefined {
  return EXACT[code] ?? PREFIXES.find(([prefix]) => code.startsWith(prefix))?.[1];
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
}

/** RFC 9457 problem details for one error, with the request id as the instance. */
export function problemBody(error: XyError, status: number, requestId: string): ProblemBody {
  return {
    type: `https://xinyong.dev/problems/${error.code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code: error.code,
    detail: error.message,
    instance: requestId,
  };
}

/** Send a problem+json response. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: XyError, status: number): FastifyReply {
  return reply.code(status).type('application/problem+json').send(problemBody(error, status, request.id));
}

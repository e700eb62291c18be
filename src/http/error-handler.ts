import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { XyError } from '../core/errors.js';
import { XyFailure } from '../app/xy-failure.js';
import { HttpErrors, HttpProblem, sendProblem, statusOf } from './problem.js';

/** Fastify's own request errors, by code: all are the caller's fault, never a 5xx. */
const FASTIFY_CODES: Readonly<Record<string, { status: number; error: () => XyError }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: HttpErrors.BODY_TOO_LARGE },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: HttpErrors.BAD_JSON },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: HttpErrors.BAD_JSON },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: HttpErrors.UNSUPPORTED_MEDIA_TYPE },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: () => HttpErrors.BAD_REQUEST('content-length does not match the body') },
  FST_ERR_BAD_URL: { status: 400, error: () => HttpErrors.BAD_REQUEST('the URL is malformed') },
  FST_ERR_MAX_PARAM_LENGTH: { status: 400, error: () => HttpErrors.BAD_REQUEST('a path parameter is too long') },
};

/**
 * The one place errors become HTTP: catalogue codes map to statuses, request errors to 4xx, and
 * anything else to a 500 whose body says nothing about the cause (it is logged with the request id).
 */
export function problemErrorHandler() {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error instanceof XyFailure) {
      const status = statusOf(error.error.code);
      if (status === undefined) return internal(error, request, reply);
      if (error instanceof HttpProblem) reply.headers(error.headers);
      if (status >= 500) request.log.error({ code: error.error.code }, 'unavailable');
      else request.log.info({ code: error.error.code, status }, 'request refused');
      // Messages of the core catalogue mask identity numbers; they are safe to return.
      return sendProblem(request, reply, { code: error.error.code, message: error.error.message }, status);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      request.log.info({ code: 'XY_BAD_REQUEST' }, 'request refused');
      // Fastify's message names the field and the rule ("body/subject must be string"), never the value.
      return sendProblem(request, reply, HttpErrors.BAD_REQUEST(fastifyError.message.slice(0, 500)), 400);
    }
    const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (known) {
      request.log.info({ code: known.error().code }, 'request refused');
      return sendProblem(request, reply, known.error(), known.status);
    }
    const status = fastifyError.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      request.log.info({ fastifyCode: fastifyError.code, status }, 'request refused');
      const refusal = status === 404 ? HttpErrors.NOT_FOUND() : HttpErrors.BAD_REQUEST('the request was refused');
      return sendProblem(request, reply, refusal, status);
    }
    return internal(error, request, reply);
  };
}

function internal(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.log.error({ err: error }, 'internal error');
  return sendProblem(request, reply, HttpErrors.INTERNAL(), 500);
}

/** Errors the router raises before any hook runs (bad URL encoding, overlong path parameters). */
export function frameworkErrorHandler() {
  const handle = problemErrorHandler();
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    reply.header('x-request-id', request.id);
    return handle(error, request, reply);
  };
}

/** Unknown routes: a 404 problem, the path not echoed. */
export function notFoundHandler() {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => sendProblem(request, reply, HttpErrors.NOT_FOUND(), 404);
}

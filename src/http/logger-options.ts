import type { FastifyLoggerOptions, FastifyRequest } from 'fastify';
import type { LoggerOptions as PinoLoggerOptions } from 'pino';

export type LoggerOption = boolean | (FastifyLoggerOptions & PinoLoggerOptions);

/** Anything a key, header or body could carry; also censored if a serializer ever lets it through. */
const REDACT = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.body', 'res.body', 'body',
  'request.headers.authorization', 'headers.authorization',
];

// Any long alphanumeric run in a URL: an identity number (18/15 characters) or a key someone put
// there by mistake. Subject ids are hyphenated UUIDs and stay readable.
const LONG_TOKEN = /[0-9A-Za-z]{15,}/g;
const maskToken = (t: string) => `${t.slice(0, 4)}${'*'.repeat(t.length - 8)}${t.slice(-4)}`;

/**
 * Structured JSON logs without secrets or personal data: requests are logged as method, path
 * (long tokens masked) and address only, never headers or bodies.
 */
export function loggerOptions(logger: LoggerOption | undefined): false | (FastifyLoggerOptions & PinoLoggerOptions) {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    level: 'info',
    ...base,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      ...base.serializers,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: request.url.replace(LONG_TOKEN, maskToken),
        remoteAddress: request.ip,
      }),
    },
  };
}

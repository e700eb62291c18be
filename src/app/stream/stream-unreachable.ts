import { Errors } from '../../core/errors.js';
import { XyFailure } from '../xy-failure.js';

/** A server URL as it may be shown: without its user part, which for NATS may be a token. */
export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** A catch handler that turns a failure to connect to the stream at `url` into XY_STREAM_UNREACHABLE. */
export function streamUnreachable(url: string): (e: unknown) => never {
  return (e) => {
    throw new XyFailure(Errors.STREAM_UNREACHABLE(withoutCredentials(url), e instanceof Error ? e.message : String(e)));
  };
}

import type { XyError } from '../core/errors.js';

/** A fatal, expected failure carried up to the edge, which prints it and exits with code 2. */
export class XyFailure extends Error {
  constructor(readonly error: XyError) {
    super(error.message);
    this.name = 'XyFailure';
  }
}

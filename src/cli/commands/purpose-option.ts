import type { Command } from 'commander';
import { OPERATOR_PURPOSE } from '../../app/operator.js';

/** Every read about a subject names a purpose; it is logged and shown in the subject's report. */
export function withPurpose(command: Command): Command {
  return command.option('--purpose <code>', 'why you are looking (logged in the subject\'s access log)', OPERATOR_PURPOSE);
}

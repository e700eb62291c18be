import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Errors } from '../../core/errors.js';
import { activatePolicy, checkPolicyText } from '../../app/policy-admin.js';
import { XyFailure } from '../../app/xy-failure.js';
import { ExitCode, fail, globals, printError, printJson, withRegistry } from '../run-command.js';

/** `xinyong policy check|activate FILE`. */
export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('validate and activate policies');
  policy.command('check')
    .description('validate a policy file; every problem is listed with file, line and column')
    .argument('<file>')
    .action((file: string, _o, command: Command) => {
      try {
        const checked = checkPolicyText(read(file), file);
        const json = Boolean(globals(command).json);
        if (checked.ok) {
          if (json) printJson({ valid: true, version: checked.value.version, name: checked.value.policy.name });
          else process.stdout.write(`${file}: valid, version ${checked.value.version}\n`);
          return;
        }
        if (json) printJson({ valid: false, errors: checked.errors });
        else checked.errors.forEach(printError);
        process.exitCode = ExitCode.someRejected;
      } catch (e) {
        fail(e);
      }
    });
  policy.command('activate')
    .description('store a policy version and make it the active one')
    .argument('<file>')
    .action((file: string, _o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const text = read(file);
        const checked = checkPolicyText(text, file);
        if (!checked.ok) {
          checked.errors.forEach(printError);
          return ExitCode.fatal;
        }
        const saved = await activatePolicy(registry, checked.value, text);
        if (g.json) printJson({ version: checked.value.version, stored: saved, active: true });
        else process.stdout.write(`active policy: ${checked.value.version} (${saved === 'added' ? 'new version' : 'known version'})\n`);
      }));
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new XyFailure(Errors.FILE_NOT_FOUND(file));
  }
}

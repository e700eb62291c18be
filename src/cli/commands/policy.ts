import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Errors } from '../../core/errors.js';
import { activatePolicy, checkPolicyText, type CheckedPolicy } from '../../app/policy-admin.js';
import { activePolicy, type Registry } from '../../app/registry.js';
import { auditWrite, OPERATOR } from '../../app/operator.js';
import { rescoreAll } from '../../app/rescore.js';
import { simulatePolicy } from '../../app/simulate-policy.js';
import { SubjectEvaluator } from '../../app/subject-evaluator.js';
import { XyFailure } from '../../app/xy-failure.js';
import { ExitCode, fail, globals, printError, printJson, withRegistry } from '../run-command.js';
import { printSimulation } from './print-simulation.js';

/** `xinyong policy check|simulate|activate FILE`. */
export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('validate, simulate and activate policies');
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
  policy.command('simulate')
    .description('compare a candidate policy with the active one over the whole population')
    .argument('<file>')
    .action((file: string, _o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const summary = await simulate(registry, checkedOrFail(file));
        if (g.json) printJson(summary);
        else printSimulation(summary);
      }));
  policy.command('activate')
    .description('simulate, store the version with its simulation, make it active and rescore everyone')
    .argument('<file>')
    .action((file: string, _o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const text = read(file);
        const checked = checkedOrFail(file, text);
        const summary = await simulate(registry, checked);
        const saved = await registry.store.transaction(async (tx) => {
          const result = await activatePolicy(registry, checked, text, tx);
          await auditWrite(registry, OPERATOR, 'policy.activate', {
            version: checked.version, previous: summary.activeVersion, gradesChanged: summary.grades.changed, subjects: summary.subjects,
          }, null, tx);
          return result;
        });
        await registry.store.saveSimulation(checked.version, summary.activeVersion, summary, registry.clock.now());
        const rescored = await rescoreAll(registry, new SubjectEvaluator(registry.store, checked.policy, checked.version), registry.clock.now());
        if (g.json) printJson({ version: checked.version, stored: saved, active: true, rescored: rescored.subjects, simulation: summary });
        else {
          printSimulation(summary);
          process.stdout.write(`\nactive policy: ${checked.version} (${saved === 'added' ? 'new version' : 'known version'}); rescored ${rescored.subjects} subjects\n`);
        }
      }));
}

async function simulate(registry: Registry, candidate: CheckedPolicy) {
  const active = await activePolicy(registry);
  return simulatePolicy(registry, { policy: active.policy, version: active.version }, candidate, registry.clock.now());
}

function checkedOrFail(file: string, text = read(file)): CheckedPolicy {
  const checked = checkPolicyText(text, file);
  if (!checked.ok) {
    checked.errors.slice(1).forEach(printError);
    throw new XyFailure(checked.errors[0]!);
  }
  return checked.value;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new XyFailure(Errors.FILE_NOT_FOUND(file));
  }
}

/**
 * Mapping YAML text to a checked `Mapping`, every problem with file, line and column (as policies
 * are loaded). Pure: the caller reads the file.
 */
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { Errors, at, type XyError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { positionOf } from '../policy/yaml-position.js';
import { readYaml } from '../policy/read-yaml.js';
import { MappingSchema, type Mapping } from './mapping-schema.js';

// Compiled on first use, so importing this module costs nothing until a mapping is loaded.
let validator: { Check(value: unknown): boolean; Errors(value: unknown): TLocalizedValidationError[] } | undefined;

export function loadMapping(text: string, file: string): Result<Mapping, XyError[]> {
  const read = readYaml(text, file, Errors.MAPPING_YAML);
  if (!read.ok) return read;
  const { doc, lines, value } = read.value;
  const v = (validator ??= Compile(MappingSchema));
  if (!v.Check(value)) {
    const seen = new Set<string>();
    const errors: XyError[] = [];
    for (const e of v.Errors(value)) {
      const path = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      const where = path.join('.') || '(top)';
      const line = `${where}: ${e.message}`;
      if (seen.has(line) || e.keyword === 'boolean') continue;
      seen.add(line);
      errors.push(at(Errors.MAPPING_SCHEMA(where, e.message), { file, ...positionOf(doc, lines, path) }));
    }
    return err(errors);
  }
  const mapping = value as Mapping;
  const problems: XyError[] = [];
  mapping.emit.forEach((emit, i) => {
    for (const [target, spec] of Object.entries(emit.record)) {
      const sources = [spec.const !== undefined, spec.field !== undefined, spec.template !== undefined].filter(Boolean).length;
      if (sources !== 1) {
        problems.push(at(Errors.MAPPING_SCHEMA(`emit.${i}.record.${target}`, 'needs exactly one of const, field or template'),
          { file, ...positionOf(doc, lines, ['emit', i, 'record', target]) }));
      }
    }
    for (const needed of ['source', 'ref', 'type', 'subject.kind']) {
      if (!Object.hasOwn(emit.record, needed)) {
        problems.push(at(Errors.MAPPING_SCHEMA(`emit.${i}.record`, `derives no "${needed}"`), { file, ...positionOf(doc, lines, ['emit', i, 'record'], true) }));
      }
    }
  });
  return problems.length > 0 ? err(problems) : ok(mapping);
}

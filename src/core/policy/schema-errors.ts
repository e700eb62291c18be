/**
 * TypeBox errors, made readable: one error per unknown key or missing property, and for a union
 * (a record type is conduct or relation) only the errors of the branch the author evidently meant.
 */
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { Settings } from 'typebox/system';
import type { PolicyPath } from './policy-problem.js';
import { PolicySchema } from './policy-schema.js';

export interface SchemaError {
  readonly path: PolicyPath;
  readonly why: string;
  /** Point at the key rather than the value (unknown or missing properties). */
  readonly atKey: boolean;
}

// Compiled on first use, so importing the policy module costs nothing until a policy is loaded.
let validator: { Check(value: unknown): boolean; Errors(value: unknown): TLocalizedValidationError[] } | undefined;

/** Structural errors in a parsed policy; empty when it has the shape of a `Policy`. */
export function schemaErrors(value: unknown): SchemaError[] {
  const v = (validator ??= Compile(PolicySchema));
  if (v.Check(value)) return [];
  return pickUnionBranches(allErrors(v, value)).flatMap(describe);
}

/** A policy author wants every error at once; TypeBox buffers only 8 by default (a global setting). */
const MAX_ERRORS = 1000;
function allErrors(v: NonNullable<typeof validator>, value: unknown): TLocalizedValidationError[] {
  const before = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: MAX_ERRORS });
  try {
    return v.Errors(value);
  } finally {
    Settings.Set({ maxErrors: before }); // synchronous, so no other caller sees the raised limit
  }
}

const pointer = (p: string): string[] =>
  p === '' ? [] : p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
/** Instance paths index arrays by number; no map key in a policy is all digits (the key patterns forbid it). */
const instancePath = (p: string): (string | number)[] => pointer(p).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
const branchOf = (e: TLocalizedValidationError, anyOf: string): number | undefined => {
  const m = e.schemaPath.startsWith(`${anyOf}/anyOf/`) ? /^\d+/.exec(e.schemaPath.slice(anyOf.length + 7)) : null;
  return m ? Number(m[0]) : undefined;
};

/** Resolve each anyOf (outermost first) to the branch whose discriminating fields matched. */
function pickUnionBranches(all: TLocalizedValidationError[]): TLocalizedValidationError[] {
  let errors = all;
  for (;;) {
    const union = errors
      .filter((e) => e.keyword === 'anyOf')
      .sort((a, b) => a.schemaPath.length - b.schemaPath.length)[0];
    if (union === undefined) return errors;
    const branches = new Map<number, TLocalizedValidationError[]>();
    for (const e of errors) {
      const b = branchOf(e, union.schemaPath);
      if (b !== undefined) branches.set(b, [...(branches.get(b) ?? []), e]);
    }
    const rest = errors.filter((e) => e !== union && branchOf(e, union.schemaPath) === undefined);
    const isChildConst = (e: TLocalizedValidationError) =>
      e.keyword === 'const' && pointer(e.instancePath).length === pointer(union.instancePath).length + 1;
    const groups = [...branches.values()];
    const discriminators = groups.map((g) => g.find(isChildConst));
    if (groups.length > 0 && discriminators.every((d) => d !== undefined && d.instancePath === discriminators[0]?.instancePath)) {
      // No branch's discriminator matched (e.g. `kind: conduit`): one error naming the choices.
      const allowedValues = discriminators.map((d) => (d?.params as { allowedValue: unknown }).allowedValue);
      const at = discriminators[0]?.instancePath ?? union.instancePath;
      const choice = { keyword: 'enum', schemaPath: union.schemaPath, instancePath: at, params: { allowedValues } } as const;
      errors = [...rest, { ...choice, message: 'must be one of the allowed values' }];
      continue;
    }
    const cost = (g: TLocalizedValidationError[]) =>
      g.filter(isChildConst).length * 1000 +
      g.filter((e) => e.keyword === 'additionalProperties' && e.instancePath === union.instancePath).length * 100 +
      g.length;
    const best = groups.reduce<TLocalizedValidationError[] | undefined>((a, g) => (a === undefined || cost(g) < cost(a) ? g : a), undefined);
    errors = [...rest, ...(best ?? [union])];
  }
}

function describe(e: TLocalizedValidationError): SchemaError[] {
  const path = instancePath(e.instancePath);
  switch (e.keyword) {
    case 'boolean':
      // `additionalProperties: false` reports each extra key twice; the additionalProperties error is kept.
      return e.schemaPath.endsWith('/additionalProperties') ? [] : [{ path, why: e.message, atKey: false }];
    case 'additionalProperties': {
      const keyed = schemaAt(e.schemaPath)?.patternProperties !== undefined;
      const pattern = keyed ? Object.keys(schemaAt(e.schemaPath)?.patternProperties ?? {})[0] : undefined;
      return e.params.additionalProperties.map((key) => ({
        path: [...path, key],
        why: pattern ? `is not a valid code (must match ${pattern})` : 'is not a known property',
        atKey: true,
      }));
    }
    case 'required':
      return (e.params as { requiredProperties: string[] }).requiredProperties.map((key) => ({
        path: [...path, key],
        why: 'is required',
        atKey: true,
      }));
    case 'enum':
      return [{ path, why: `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`, atKey: false }];
    case 'const':
      return [{ path, why: `must be ${JSON.stringify(e.params.allowedValue)}`, atKey: false }];
    default:
      return [{ path, why: e.message, atKey: false }];
  }
}

type SchemaNode = { patternProperties?: Record<string, unknown> } & Record<string, unknown>;
function schemaAt(schemaPath: string): SchemaNode | undefined {
  let node: unknown = PolicySchema;
  for (const seg of pointer(schemaPath.replace(/^#/, ''))) node = (node as Record<string, unknown> | undefined)?.[seg];
  return node as SchemaNode | undefined;
}

import fc from 'fast-check';

/** A JSON schema as @fastify/swagger publishes it (the parts a generator needs). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
}

/** Strings that have broken parsers, queries, loggers and templates elsewhere. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1", '"; DROP TABLE subjects;--', '../../../../etc/passwd', '%00', '\u0000', '\u202e', '\ud800', '𠮷'.repeat(40),
  '<script>alert(1)</script>', '{{constructor.constructor("return process")()}}', '${process.env}', '__proto__', 'constructor',
  '1e400', '-0', 'NaN', 'Infinity', '9'.repeat(40), ' ', '\r\n', 'x'.repeat(3000), '110105198001010017', '1101**********002X',
  '2026-02-30', '2026-13-01T00:00:00Z', '0001-01-01', '9999-12-31T23:59:59Z',
];
const hostile = fc.constantFrom(...HOSTILE_STRINGS);
/** Any JSON value, hostile strings included: what a caller can send in place of a well-typed one. */
export const wild: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 2 ** 53, 1.5, [], {}) },
);

/**
 * Values for a schema: mostly well-formed (so requests reach the handlers), now and then wrong
 * in type or range (so validation is exercised), with hostile strings throughout.
 */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return wild;
  const shaped = shapedBy(schema, depth);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: wild });
}

function shapedBy(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((s) => fromSchema(s, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => shapedBy({ ...schema, type }, depth)));
  switch (types[0]) {
    case 'string':
      return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }), hostile);
    case 'integer':
      return fc.oneof(fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 }), fc.constantFrom(-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER));
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: 3 });
    case 'object': {
      const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, fromSchema(s, depth + 1)]));
      const known = fc.record(props, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
      // Now and then an extra member, named to tempt prototype pollution or mass assignment.
      const extra = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'role', 'admin', 'asOf', 'x'), wild, { maxKeys: 1 });
      return fc.oneof({ weight: 5, arbitrary: known }, { weight: 1, arbitrary: fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...(a as object) })) });
    }
    default:
      return wild;
  }
}

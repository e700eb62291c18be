import canonicalizeModule from 'canonicalize';

type Canonicalize = (input: unknown) => string | undefined;

// The package is CommonJS with an ESM-style `export default` in its types; under NodeNext the
// default import is the module object at type level, so resolve the function once here.
const canonicalize: Canonicalize =
  typeof canonicalizeModule === 'function'
    ? (canonicalizeModule as Canonicalize)
    : (canonicalizeModule as unknown as { default: Canonicalize }).default;

/** RFC 8785 canonical JSON: the same value always serialises to the same text, whatever its key order. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

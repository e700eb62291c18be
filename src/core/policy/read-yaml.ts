/** YAML text to a value, keeping the document and line counter for positions (policies and mappings). */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { at, type XyError } from '../errors.js';
import { err, ok, type Result } from '../result.js';

export interface ReadYaml {
  doc: Document;
  lines: LineCounter;
  value: unknown;
}

/** Parse `text` (named `file` in errors); a syntax error becomes `yamlError(why)` at its line and column. */
export function readYaml(text: string, file: string, yamlError: (why: string) => XyError): Result<ReadYaml, XyError[]> {
  const lines = new LineCounter();
  // prettyErrors off: we report positions ourselves and keep messages to one line.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return err(doc.errors.map((e) => {
      const { line, col } = lines.linePos(e.pos[0]);
      return at(yamlError(e.message), { file, line: Math.max(line, 1), column: Math.max(col, 1) });
    }));
  }
  try {
    return ok({ doc, lines, value: doc.toJS({ maxAliasCount: 100 }) as unknown });
  } catch (e) {
    // Only alias bombs and similar abuse get here; the parse itself succeeded.
    return err([at(yamlError(e instanceof Error ? e.message : String(e)), { file, line: 1, column: 1 })]);
  }
}

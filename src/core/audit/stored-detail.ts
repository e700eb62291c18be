/**
 * An event's detail as read back from a store. A detail edited into something that is not a JSON
 * object must surface as an edited event in `audit verify`, not as a crash while reading the log;
 * wrapped like this it no longer matches its hash.
 */
export function storedDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return { unreadable: text };
}

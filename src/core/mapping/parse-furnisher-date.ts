/**
 * A date as furnishers write it, as ISO `YYYY-MM-DD`: `2019年07月13日`, `2019年7月9日`, `20190709`,
 * `2019/7/9`, `2019-07-09`, `2019.07.09`, each optionally followed by a time (dropped). Undefined
 * when the text is not one of these or names a day that does not exist.
 */
export function parseFurnisherDate(text: string): string | undefined {
  const t = text.trim();
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(t)
    ?? /^(\d{4})(\d{2})(\d{2})(?:$|[\sT])/.exec(t)
    ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[\sT])/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An amount as furnishers write it: `1,234.50`, `1234.5元`, `12.3万元`, `12.3万`; undefined otherwise. */
export function parseFurnisherAmount(text: string): number | undefined {
  const m = /^([+-]?[\d,]*\.?\d+)\s*(万)?\s*(元|人民币)?$/.exec(text.trim().replace(/^(人民币|￥|¥)\s*/, ''));
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return m[2] ? Math.round(n * 10000 * 100) / 100 : n;
}

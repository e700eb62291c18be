/**
 * Person names as linkage sees them: a family part and a given part, each with a display form and a
 * reading. A hanzi name is read with pinyin-pro in surname mode, so 单 reads shan, 曾 zeng and 区 ou
 * as they do in a surname; a latin name is already its reading. Matching on readings lets 张伟,
 * "Zhang Wei" and "WEI Zhang" meet, while the display form keeps 张伟 and 章伟 apart.
 */
import { pinyin } from 'pinyin-pro';

export interface PersonName {
  /** As written, hanzi kept, latin lowercased; '' when absent. */
  family: string;
  given: string;
  /** Toneless pinyin or latin letters only, lowercased: `ouyang`, `nana`. */
  familyReading: string;
  givenReading: string;
}

/** Two-character surnames (复姓) still in use; a name starting with one of these splits after it. */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '上官', '诸葛', '东方', '慕容', '夏侯', '皇甫', '尉迟', '公孙', '令狐', '长孙', '宇文', '司徒',
  '端木', '独孤', '南宫', '申屠', '西门', '轩辕', '钟离', '闾丘', '呼延', '澹台', '百里', '东郭', '万俟', '赫连',
];

/** Pinyin of the commoner Chinese surnames, commonest first: tells "Zhang Wei" (family first) from "Wei Zhang". */
const SURNAME_READINGS = rankOf([
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he',
  'lin', 'gao', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng', 'xiao', 'tian',
  'dong', 'yuan', 'pan', 'yu', 'jiang', 'cai', 'du', 'ye', 'cheng', 'su', 'wei', 'lv', 'lu', 'ding', 'ren', 'shen', 'yao',
  'cui', 'zhong', 'tan', 'fan', 'jin', 'shi', 'liao', 'jia', 'xia', 'fu', 'fang', 'bai', 'zou', 'meng', 'xiong', 'qin', 'qiu',
  'yin', 'xue', 'yan', 'duan', 'lei', 'hou', 'long', 'tao', 'ou', 'mao', 'hao', 'gong', 'shao', 'wan', 'qian', 'dai', 'mo',
  'kong', 'xiang', 'shan', 'ouyang', 'sima', 'shangguan', 'zhuge', 'dongfang', 'murong', 'gu', 'ling', 'min',
]);

function rankOf(readings: readonly string[]): ReadonlyMap<string, number> {
  return new Map(readings.map((r, i) => [r, i]));
}

const HANZI = /[\u3400-\u9fff\uf900-\ufaff]/;
const NAME_SEPARATORS = /[\s·•・.,，、]+/g;
const EMPTY: PersonName = { family: '', given: '', familyReading: '', givenReading: '' };

/** True when the text holds at least one CJK ideograph. */
export function hasHanzi(text: string): boolean {
  return HANZI.test(text);
}

/** Letters only, lowercased, ü as v (the pinyin input convention): `Lü-Xiao Ming` → `lvxiaoming`. */
export function latinReading(text: string): string {
  return text.toLowerCase().replace(/ü|u:/g, 'v').normalize('NFD').replace(/[^a-z]/g, '');
}

const readings = new Map<string, readonly string[]>();
const READING_MEMO_LIMIT = 500_000;

/** Toneless pinyin of a hanzi string read as a name (surname readings for its head); remembered, names repeat. */
export function hanziReading(text: string): string[] {
  let syllables = readings.get(text);
  if (!syllables) {
    syllables = pinyin(text, { toneType: 'none', type: 'array', surname: 'head', v: true }) as string[];
    if (readings.size < READING_MEMO_LIMIT) readings.set(text, syllables);
  }
  return [...syllables];
}

/** The length of the surname a hanzi name starts with: 2 for a compound surname, else 1. */
export function hanziSurnameLength(name: string): number {
  return name.length > 2 && COMPOUND_SURNAMES.includes(name.slice(0, 2)) ? 2 : 1;
}

/**
 * Read a name given whole (`name`) or in parts. Hanzi split after the surname; in a latin name the
 * family part is the word in capitals (`ZHANG Wei`), else the commoner Chinese surname of the first
 * and last words (`Wei Zhang` → zhang), else the last word (`Robert Allen`).
 */
export function readPersonName(parts: { name?: string; familyName?: string; givenName?: string }): PersonName {
  const family = clean(parts.familyName);
  const given = clean(parts.givenName);
  if (family || given) return fromParts(family, given);
  const whole = clean(parts.name);
  if (!whole) return EMPTY;
  if (hasHanzi(whole)) {
    const compact = whole.replace(NAME_SEPARATORS, '');
    const cut = hanziSurnameLength(compact);
    return readHanzi(compact, cut);
  }
  const words = whole.split(NAME_SEPARATORS).filter(Boolean);
  if (words.length === 1) return fromParts('', words[0]!);
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const capitals = (w: string) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase();
  // Capitals mark the family name; otherwise the commoner surname of the two ends is the family name
  // ("Wei Zhang": zhang), and with no Chinese surname the name is read in Western order.
  const rank = (w: string) => SURNAME_READINGS.get(latinReading(w)) ?? Number.POSITIVE_INFINITY;
  const familyFirst = capitals(first) !== capitals(last) ? capitals(first) : rank(first) < rank(last);
  return familyFirst
    ? fromParts(first, words.slice(1).join(' '))
    : fromParts(last, words.slice(0, -1).join(' '));
}

function fromParts(family: string, given: string): PersonName {
  if (hasHanzi(family) || hasHanzi(given)) {
    const familyHanzi = family.replace(NAME_SEPARATORS, '');
    const givenHanzi = given.replace(NAME_SEPARATORS, '');
    // Read the whole name at once: surname mode applies to its head, and tone sandhi of the pair.
    return readHanzi(familyHanzi + givenHanzi, familyHanzi.length);
  }
  return { family: family.toLowerCase(), given: given.toLowerCase(), familyReading: latinReading(family), givenReading: latinReading(given) };
}

function readHanzi(name: string, surnameLength: number): PersonName {
  const syllables = hanziReading(name);
  const chars = Array.from(name);
  // pinyin-pro gives one syllable per character; anything else (stray latin) is kept as letters.
  const aligned = syllables.length === chars.length;
  const familyReading = aligned ? syllables.slice(0, surnameLength).join('') : latinReading(chars.slice(0, surnameLength).join(''));
  const givenReading = aligned ? syllables.slice(surnameLength).join('') : latinReading(chars.slice(surnameLength).join(''));
  return {
    family: chars.slice(0, surnameLength).join(''),
    given: chars.slice(surnameLength).join(''),
    familyReading: latinReading(familyReading),
    givenReading: latinReading(givenReading),
  };
}

function clean(text: string | undefined): string {
  return (text ?? '').trim();
}

/**
 * A synthetic Chinese population for evaluating and benchmarking linkage, from the demo generator's
 * names, regions and resident IDs (seeded, reproducible). Each person appears in one to four records
 * that differ the way real furnishers' records differ: hanzi or pinyin names (family first or last,
 * capitals), typos, family and given name swapped between columns, day and month swapped, a digit
 * off, full, legacy 15-digit or masked numbers, a region code or only its city, phones and emails.
 */
import { SeededRandom } from '../../src/app/demo/seeded-random.js';
import { birthRegion, demoPersonName, demoResidentId } from '../../src/app/demo/demo-identities.js';
import { maskIdentity } from '../../src/core/identity/mask-identity.js';
import type { PersonEvidence } from '../../src/core/linkage/evidence.js';
import { hanziReading, hanziSurnameLength } from '../../src/core/linkage/person-name.js';

export interface SyntheticRecord {
  uniqueId: string;
  /** The true person: records with the same entity are the same person. */
  entity: number;
  evidence: PersonEvidence;
}

/** Surnames whose reading as a surname differs from the everyday one (单 shan, 区 ou, 解 xie...). */
const SURNAMES_HETERONYM = ['单', '区', '解', '查', '仇', '朴', '盖', '乐', '曾', '覃'];
/** Characters typed for a given-name character with the same pinyin (what an IME offers first). */
const HOMOPHONES: Readonly<Record<string, readonly string[]>> = {
  伟: ['为', '维', '炜'], 丽: ['莉', '俐', '立'], 静: ['晶', '靖'], 敏: ['民', '闽'], 军: ['君', '均'], 华: ['化', '桦'],
  杰: ['洁', '捷'], 涛: ['滔', '韬'], 明: ['铭', '鸣'], 芳: ['方', '坊'], 娜: ['纳'], 磊: ['蕾'], 勇: ['永', '泳'], 艳: ['燕', '妍'],
  婷: ['庭', '亭'], 玲: ['铃', '伶'], 燕: ['艳', '雁'], 霞: ['侠'], 平: ['萍', '苹'], 辉: ['晖', '徽'], 鹏: ['朋'], 超: ['潮'],
  刚: ['钢', '纲'], 斌: ['彬', '滨'], 飞: ['菲', '非'], 洋: ['阳', '杨'], 宇: ['雨', '羽', '语'], 浩: ['昊', '皓'], 欣: ['心', '新', '鑫'],
  强: ['墙'], 英: ['鹰', '莹'], 兰: ['岚', '蓝'], 珍: ['真', '贞'], 梅: ['玫', '媚'], 琳: ['林', '霖'], 颖: ['影', '莹'], 涵: ['寒', '含'],
  怡: ['仪', '宜'], 轩: ['萱', '宣'], 豪: ['毫'], 博: ['波', '柏'], 凯: ['恺', '铠'], 旭: ['序', '绪'], 东: ['冬'], 新: ['欣', '鑫'],
};
const COPIES: Array<[number, number]> = [[1, 45], [2, 30], [3, 15], [4, 10]];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Records for `people` persons (about 1.9 records each). */
export function* syntheticPeople(people: number, seed = 11): Generator<SyntheticRecord> {
  const random = new SeededRandom(seed);
  const readings = new Map<string, { family: string; given: string }>();
  let n = 0;
  for (let entity = 0; entity < people; entity++) {
    const sex = random.chance(0.5) ? 'male' : 'female';
    const year = random.int(1950, 2004);
    const birthDate = `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
    const region = birthRegion(random);
    const id = demoResidentId(random, birthDate, region, sex);
    let name = demoPersonName(random, sex, year);
    if (random.chance(0.03)) name = random.pick(SURNAMES_HETERONYM) + name.slice(hanziSurnameLength(name));
    const phone = random.chance(0.4) ? `1${random.int(30, 99)}${String(random.int(0, 99_999_999)).padStart(8, '0')}` : '';
    const email = random.chance(0.2) ? `${String(random.int(0, 1e9))}@${random.pick(['qq.com', '163.com', 'sina.com'])}` : '';
    const copies = weightedPick(random, COPIES);
    for (let c = 0; c < copies; c++) {
      yield { uniqueId: `P${n++}`, entity, evidence: variant(random, { name, birthDate, region, id, phone, email, year }, readings) };
    }
  }
}

interface Truth {
  name: string;
  birthDate: string;
  region: string;
  id: string;
  phone: string;
  email: string;
  year: number;
}

function variant(random: SeededRandom, t: Truth, cache: Map<string, { family: string; given: string }>): PersonEvidence {
  const e: PersonEvidence = {};
  const cut = hanziSurnameLength(t.name);
  const form = random.next();
  if (form < 0.62) e.name = t.name;
  else if (form < 0.66) {
    // Family and given name put in each other's columns.
    e.familyName = t.name.slice(cut);
    e.givenName = t.name.slice(0, cut);
  } else if (form < 0.69 && HOMOPHONES[t.name.slice(-1)]) {
    // A slip of the IME: the last character replaced by another with the same reading (伟 → 炜).
    e.name = t.name.slice(0, -1) + random.pick(HOMOPHONES[t.name.slice(-1)]!);
  } else {
    let reading = cache.get(t.name);
    if (!reading) {
      const syllables = hanziReading(t.name);
      reading = { family: syllables.slice(0, cut).join(''), given: syllables.slice(cut).join('') };
      cache.set(t.name, reading);
    }
    let given = capitalise(reading.given);
    let family = capitalise(reading.family);
    if (random.chance(0.25)) given = typo(random, given);
    const order = random.next();
    e.name = order < 0.5 ? `${family} ${given}` : order < 0.75 ? `${family.toUpperCase()} ${given}` : `${given} ${family}`;
    family = '';
  }

  const date = random.next();
  const [y, m, d] = t.birthDate.split('-');
  if (date < 0.78) e.birthDate = t.birthDate;
  else if (date < 0.84 && Number(d) <= 12 && m !== d) e.birthDate = `${y}-${d}-${m}`;
  else if (date < 0.9) e.birthDate = digitTypo(random, t.birthDate);

  const idForm = random.next();
  if (idForm < 0.25) e.idNumber = t.id;
  else if (idForm < 0.33 && t.year < 1990) e.idNumber = t.id.slice(0, 6) + t.id.slice(8, 17);
  else if (idForm < 0.7) e.idNumber = maskIdentity(t.id);

  const regionForm = random.next();
  if (regionForm < 0.65) e.region = t.region;
  else if (regionForm < 0.8) e.region = `${t.region.slice(0, 4)}00`;
  if (t.phone && random.chance(0.6)) e.phone = random.chance(0.03) ? digitTypo(random, t.phone) : t.phone;
  if (t.email && random.chance(0.6)) e.email = t.email;
  return e;
}

function weightedPick(random: SeededRandom, items: Array<[number, number]>): number {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = random.next() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

function typo(random: SeededRandom, word: string): string {
  if (word.length < 2) return word;
  const at = random.int(1, word.length - 1);
  return word.slice(0, at) + random.pick(LETTERS.split('')) + word.slice(at + 1);
}

function digitTypo(random: SeededRandom, text: string): string {
  const positions = [...text].map((ch, i) => (/\d/.test(ch) ? i : -1)).filter((i) => i >= 0);
  const at = random.pick(positions);
  const digit = String((Number(text[at]) + random.int(1, 9)) % 10);
  return text.slice(0, at) + digit + text.slice(at + 1);
}

const pad = (x: number) => String(x).padStart(2, '0');
const capitalise = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

import { organizationCodeCheckChar } from '../../core/identity/org-code.js';
import { residentIdCheckChar } from '../../core/identity/resident-id.js';
import { USCC_CHARSET, usccCheckChar } from '../../core/identity/uscc.js';
import type { SeededRandom } from './seeded-random.js';

/** A few real county-level GB/T 2260 codes, so demo subjects show real region names. */
export const DEMO_REGIONS = ['110105', '110108', '310115', '310104', '440305', '440106', '330106', '510107', '420106', '320102', '610113', '500103'];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强'];
const TRADE = ['华信', '恒泰', '远航', '金盛', '中科', '瑞丰', '新城', '东方', '宏达', '天元', '博雅', '安顺'];
const LINE = ['科技', '贸易', '建设', '物流', '食品', '医药', '置业', '电子', '咨询', '餐饮'];

/** A valid 18-digit resident ID with the given birth date (YYYY-MM-DD). */
export function demoResidentId(random: SeededRandom, birthDate: string): string {
  const body = `${random.pick(DEMO_REGIONS)}${birthDate.replaceAll('-', '')}${String(random.int(0, 999)).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** A valid USCC for an enterprise (authority 9, type 1) with a valid embedded organisation code. */
export function demoUscc(random: SeededRandom): string {
  // Organisation-code characters drawn from the USCC alphabet so the whole code stays in its charset.
  let org = '';
  for (let i = 0; i < 8; i++) org += USCC_CHARSET[random.int(0, 9)];
  const check = organizationCodeCheckChar(org)!;
  const body = `91${random.pick(DEMO_REGIONS)}${org}${check}`;
  return body + usccCheckChar(body);
}

export const demoPersonName = (random: SeededRandom): string => random.pick(SURNAMES) + random.pick(GIVEN);
export const demoOrgName = (random: SeededRandom, city: string): string =>
  `${city}${random.pick(TRADE)}${random.pick(LINE)}有限公司`;

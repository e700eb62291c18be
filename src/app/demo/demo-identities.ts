import { organizationCodeCheckChar } from '../../core/identity/org-code.js';
import { residentIdCheckChar } from '../../core/identity/resident-id.js';
import { USCC_CHARSET, usccCheckChar } from '../../core/identity/uscc.js';
import type { SeededRandom } from './seeded-random.js';

/** A county-level division where demo organisations are registered and demo people live. */
export interface DemoRegion {
  /** GB/T 2260 code. */
  code: string;
  /** One-character province abbreviation used in case and decision numbers (京, 沪...). */
  province: string;
  city: string;
  district: string;
  /** Used in furnisher ids such as `blood-center.beijing`. */
  pinyin: string;
}

export const ORG_REGIONS: readonly DemoRegion[] = [
  { code: '110105', province: '京', city: '北京', district: '朝阳区', pinyin: 'beijing' },
  { code: '110108', province: '京', city: '北京', district: '海淀区', pinyin: 'beijing' },
  { code: '310115', province: '沪', city: '上海', district: '浦东新区', pinyin: 'shanghai' },
  { code: '310104', province: '沪', city: '上海', district: '徐汇区', pinyin: 'shanghai' },
  { code: '440305', province: '粤', city: '深圳', district: '南山区', pinyin: 'shenzhen' },
  { code: '440106', province: '粤', city: '广州', district: '天河区', pinyin: 'guangzhou' },
  { code: '330106', province: '浙', city: '杭州', district: '西湖区', pinyin: 'hangzhou' },
  { code: '510107', province: '川', city: '成都', district: '武侯区', pinyin: 'chengdu' },
  { code: '420106', province: '鄂', city: '武汉', district: '武昌区', pinyin: 'wuhan' },
  { code: '320102', province: '苏', city: '南京', district: '玄武区', pinyin: 'nanjing' },
  { code: '610113', province: '陕', city: '西安', district: '雁塔区', pinyin: 'xian' },
  { code: '500103', province: '渝', city: '重庆', district: '渝中区', pinyin: 'chongqing' },
];

/** Real county-level GB/T 2260 codes of the demo's registration regions (also used by the benchmark). */
export const DEMO_REGIONS: readonly string[] = ORG_REGIONS.map((r) => r.code);

/** Where people were born (a resident ID's region is the issuing office's): the cities, and elsewhere. */
const BIRTH_REGIONS_ELSEWHERE = [
  '130102', '410105', '430102', '370102', '350102', '340104', '360102', '450103', '530102', '210102', '230102',
  '620102', '120103', '140105', '220102', '520102', '330782', '441900', '320583', '411302', '511702', '130984',
];

const SURNAMES_COMMON = ['王', '李', '张', '刘', '陈'];
const SURNAMES_FREQUENT = ['杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢'];
const SURNAMES_OTHER = [
  '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶',
  '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾',
  '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶',
  '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤',
];
const SURNAMES_COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '慕容'];

/** Given names by sex and generation: names follow fashions, so a 1955 and a 2000 birth differ. */
const GIVEN: Readonly<Record<'male' | 'female', Readonly<Record<'older' | 'common' | 'younger', readonly string[]>>>> = {
  male: {
    older: ['建国', '建华', '国强', '建军', '国庆', '德明', '振华', '永生', '卫东', '志刚', '树林', '长青'],
    common: ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '斌', '波', '志强', '海涛', '晓东', '俊杰', '建平', '立新'],
    younger: ['浩然', '子轩', '宇航', '文博', '家豪', '一鸣', '天宇', '明轩', '博文', '梓豪', '俊熙', '宇', '浩', '鑫', '凯', '帅', '旭'],
  },
  female: {
    older: ['秀英', '桂英', '玉兰', '秀兰', '淑珍', '凤英', '桂兰', '秀珍', '玉珍', '淑华', '素芬'],
    common: ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '婷', '雪', '琳', '颖', '燕', '玲', '丽娟', '晓燕', '美玲', '海燕', '红梅', '丽华'],
    younger: ['欣怡', '雨桐', '梓涵', '诗涵', '思雨', '佳怡', '静怡', '婉婷', '子涵', '可馨', '雨萱', '欣', '悦', '倩', '琪'],
  },
};

const TRADE = [
  '华信', '恒泰', '远航', '金盛', '中科', '瑞丰', '新城', '东方', '宏达', '天元', '博雅', '安顺', '鼎盛', '嘉禾', '汇通', '锦程',
  '昌隆', '永信', '立诚', '同创', '启明', '致远', '星河', '云帆', '佳和', '泰和', '万通', '盛世', '德润', '卓越', '信达', '华章',
  '润泽', '长青', '海纳', '明德', '融创', '聚源', '宏图', '正和',
];
const LINE = [
  '科技', '贸易', '建设', '物流', '食品', '医药', '置业', '电子', '咨询', '餐饮', '信息技术', '网络科技', '建筑工程', '机械设备',
  '新能源', '环保科技', '文化传媒', '供应链管理', '商贸', '服装', '家居', '教育科技', '农业发展', '汽车销售', '化工',
];
const COMPANY_FORM: Array<[string, number]> = [['有限公司', 70], ['有限责任公司', 12], ['股份有限公司', 10], ['集团有限公司', 4], ['实业有限公司', 4]];
const SHOP = ['面馆', '便利店', '水果店', '五金店', '理发店', '干洗店', '烟酒店', '小吃店', '手机维修部', '服装店', '茶叶店', '花店', '超市', '早餐店', '快餐店', '图文打印店'];
const ASSOCIATION = ['餐饮行业', '软件行业', '物流与采购', '电子商务', '家政服务业', '建筑装饰', '汽车流通', '旅游', '物业管理', '中小企业', '食品工业', '养老服务业'];
const NONPROFIT = ['职业培训学校', '养老服务中心', '社会工作服务中心', '幼儿园', '青少年活动中心', '社区服务中心'];
const BUREAU = ['住房和城乡建设局', '交通运输局', '教育局', '水务局', '城市管理局', '农业农村局', '商务局', '文化和旅游局', '园林绿化局', '发展和改革委员会', '人民政府办公室'];

/** The kinds of organisation the demo registers, each with its GB 32100 authority and type code. */
export type OrgClass = 'enterprise' | 'individual_business' | 'social_organisation' | 'private_non_enterprise' | 'government';

export const USCC_CODE_OF: Readonly<Record<OrgClass, string>> = {
  enterprise: '91', // 工商 企业
  individual_business: '92', // 工商 个体工商户
  social_organisation: '51', // 民政 社会团体
  private_non_enterprise: '52', // 民政 民办非企业单位
  government: '11', // 机构编制 机关
};

/** Pick by weight; weights need not sum to anything in particular. */
export function weighted<T>(random: SeededRandom, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = random.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** A valid 18-digit resident ID with the given birth date (YYYY-MM-DD); odd sequence for men. */
export function demoResidentId(
  random: SeededRandom, birthDate: string, region = birthRegion(random), sex: 'male' | 'female' = random.chance(0.5) ? 'male' : 'female',
): string {
  const sequence = random.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
  const body = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** A birth region: most demo people come from the registration cities, the rest from elsewhere. */
export function birthRegion(random: SeededRandom): string {
  return random.chance(0.6) ? random.pick(DEMO_REGIONS) : random.pick(BIRTH_REGIONS_ELSEWHERE);
}

export interface UsccSpec {
  /** Positions 1-2: registering authority and organisation type (`91`, `11`...). */
  code: string;
  region: string;
  /** Codes issued since the 2015 reform carry an `MA` organisation code; older ones are digits. */
  modern?: boolean;
  /** False for the individual businesses whose positions 9-17 never were a real organisation code. */
  validOrgCode?: boolean;
}

/** A valid USCC; its embedded organisation code is valid too unless `validOrgCode` is false. */
export function demoUsccOf(random: SeededRandom, spec: UsccSpec): string {
  // Body characters come from the USCC alphabet so that the whole code stays in its charset.
  let org = spec.modern ? 'MA' : '';
  while (org.length < 8) org += USCC_CHARSET.charAt(random.int(0, spec.modern ? USCC_CHARSET.length - 1 : 9));
  const right = organizationCodeCheckChar(org)!;
  const check = spec.validOrgCode === false ? random.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'].filter((c) => c !== right)) : right;
  const body = `${spec.code}${spec.region}${org}${check}`;
  return body + usccCheckChar(body);
}

/** A valid USCC for an enterprise (authority 9, type 1) with a valid embedded organisation code. */
export function demoUscc(random: SeededRandom): string {
  return demoUsccOf(random, { code: USCC_CODE_OF.enterprise, region: random.pick(DEMO_REGIONS) });
}

/** A Chinese name: common surnames far more often than rare ones, a given name of the birth generation. */
export function demoPersonName(random: SeededRandom, sex: 'male' | 'female' = 'male', birthYear = 1980): string {
  const surname = weighted<readonly string[]>(random, [
    [SURNAMES_COMMON, 40], [SURNAMES_FREQUENT, 35], [SURNAMES_OTHER, 24], [SURNAMES_COMPOUND, 1],
  ]);
  const pools = GIVEN[sex];
  const pool = birthYear < 1970 ? weighted(random, [[pools.older, 1], [pools.common, 1]])
    : birthYear >= 1995 ? weighted(random, [[pools.younger, 2], [pools.common, 1]])
      : pools.common;
  return random.pick(surname) + random.pick(pool);
}

/** An organisation name that fits its class and region (`深圳市南山区…`, `…有限公司`, `…协会`, `…局`). */
export function demoOrgName(random: SeededRandom, orgClass: OrgClass, region: DemoRegion): string {
  const city = `${region.city}市`;
  switch (orgClass) {
    case 'enterprise':
      return `${city}${random.pick(TRADE)}${random.pick(LINE)}${weighted(random, COMPANY_FORM)}`;
    case 'individual_business': {
      const brand = random.chance(0.5) ? `${random.pick(SURNAMES_COMMON.concat(SURNAMES_FREQUENT))}记` : random.pick(TRADE);
      return `${city}${region.district}${brand}${random.pick(SHOP)}`;
    }
    case 'social_organisation':
      return `${city}${random.pick(ASSOCIATION)}协会`;
    case 'private_non_enterprise':
      return `${city}${region.district}${random.pick(TRADE)}${random.pick(NONPROFIT)}`;
    case 'government':
      return random.chance(0.6) ? `${city}${region.district}${random.pick(BUREAU)}` : `${city}${random.pick(BUREAU)}`;
  }
}

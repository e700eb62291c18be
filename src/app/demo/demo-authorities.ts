/** Who furnishes demo records and how their references look: courts, banks, regulators, platforms. */
import type { DemoContext } from './demo-context.js';
import type { DemoRegion } from './demo-identities.js';

export const court = (r: DemoRegion): string => `${r.city}市${r.district}人民法院`;
export const marketRegulator = (r: DemoRegion): string => `${r.city}市${r.district}市场监督管理局`;
export const taxBureau = (r: DemoRegion): string => `国家税务总局${r.city}市${r.district}税务局`;

/**
 * A court case number in the national format, e.g. `(2024)京0105执1234号`: year, province,
 * the court's code (the county's GB/T 2260 code without the province), case kind, serial.
 */
export function caseNumber(ctx: DemoContext, r: DemoRegion, date: string, kind: '执' | '民初' | '行初'): string {
  return `(${date.slice(0, 4)})${r.province}${r.code.slice(2)}${kind}${ctx.next()}号`;
}

/** An administrative decision number, e.g. `京朝市监罚〔2023〕57号`. */
export function decisionNumber(ctx: DemoContext, r: DemoRegion, date: string, office: string): string {
  return `${r.province}${r.district.charAt(0)}${office}〔${date.slice(0, 4)}〕${ctx.next()}号`;
}

export interface Bank {
  source: string;
  name: string;
  prefix: string;
}

export const BANKS: readonly Bank[] = [
  { source: 'bank.icbc-demo', name: '中国工商银行', prefix: 'ICBC' },
  { source: 'bank.ccb-demo', name: '中国建设银行', prefix: 'CCB' },
  { source: 'bank.boc-demo', name: '中国银行', prefix: 'BOC' },
  { source: 'bank.cmb-demo', name: '招商银行', prefix: 'CMB' },
  { source: 'bank.webank-demo', name: '微众银行', prefix: 'WB' },
];

export const loanRef = (ctx: DemoContext, bank: Bank, date: string): string =>
  `${bank.prefix}${date.slice(0, 4)}${String(ctx.next()).padStart(8, '0')}`;

export const PLATFORMS: ReadonlyArray<{ source: string; name: string }> = [
  { source: 'platform.jishi-demo', name: '集市网' },
  { source: 'platform.youpin-demo', name: '优品汇' },
  { source: 'platform.kuaipao-demo', name: '快跑帮' },
];

export const RIGHTS_HOLDERS = ['飞跃体育用品有限公司', '云锦服饰有限公司', '星驰电子科技有限公司', '百味食品有限公司', '青禾化妆品有限公司'];

export const VOLUNTEER_ORGANISATIONS = (r: DemoRegion): string[] => [
  `${r.city}市志愿服务联合会`, `${r.city}市${r.district}社区志愿服务站`, `${r.city}市红十字会志愿服务队`, `${r.city}市图书馆志愿者协会`,
];

/** Grounds for entry in the abnormal-operations list (企业经营异常名录管理暂行办法 art. 4). */
export const ABNORMAL_REASONS = {
  annualReport: '未按照规定的期限公示年度报告',
  unreachable: '通过登记的住所或者经营场所无法联系',
  order: '未在责令的期限内公示有关企业信息',
  falsified: '公示企业信息隐瞒真实情况、弄虚作假',
} as const;

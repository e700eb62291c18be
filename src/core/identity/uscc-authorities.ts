/**
 * Registering-authority codes (position 1) and their organisation-type codes (position 2) of the
 * Unified Social Credit Code, as defined in GB 32100-2015 (Appendix A). The product's own table:
 * a code outside it means the number was not issued under the standard.
 */

export interface UsccAuthority {
  readonly name: string;
  /** Organisation-type code -> name. */
  readonly types: Readonly<Record<string, string>>;
}

export const USCC_AUTHORITIES: Readonly<Record<string, UsccAuthority>> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  // The standard defines no "9 其他" type for market regulation (工商).
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  // "Other" authorities are not divided into types; the standard uses 1 throughout.
  Y: { name: '其他', types: { '1': '其他' } },
};

/** The authority for a position-1 code, or undefined when the standard does not define it. */
export function usccAuthority(code: string): UsccAuthority | undefined {
  return Object.hasOwn(USCC_AUTHORITIES, code) ? USCC_AUTHORITIES[code] : undefined;
}

/** The organisation-type name for a position-2 code under an authority, or undefined. */
export function usccOrgTypeName(authority: UsccAuthority, code: string): string | undefined {
  return Object.hasOwn(authority.types, code) ? authority.types[code] : undefined;
}

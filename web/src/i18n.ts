import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'zh' | 'en';

/** Every label of the interface in both languages; codes from the API stay as they are. */
const TEXT = {
  appName: ['信用登记簿', 'Credit registry'],
  language: ['English', '中文'],
  languageLabel: ['切换语言', 'Switch language'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  apiKey: ['API 密钥', 'API key'],
  apiKeyHelp: ['管理员、审计员、使用方、提供方或信用主体的密钥。密钥只保存在本标签页（sessionStorage）。', 'An admin, auditor, relying-party, furnisher or subject key. It is kept in this tab only (sessionStorage).'],
  signedInAs: ['已登录：', 'Signed in as '],
  role_admin: ['管理员', 'admin'],
  role_auditor: ['审计员', 'auditor'],
  role_relying_party: ['信用信息使用方', 'relying party'],
  role_furnisher: ['信息提供方', 'furnisher'],
  role_subject: ['信用主体', 'subject'],
  navSearch: ['主体查询', 'Subjects'],
  navLists: ['名单', 'Lists'],
  navOverview: ['总览', 'Overview'],
  navCases: ['异议队列', 'Objections'],
  navPolicy: ['政策', 'Policy'],
  navDecide: ['决策查询', 'Ask a decision'],
  navPortal: ['我的报告', 'My report'],
  loading: ['加载中…', 'Loading…'],
  empty: ['没有内容。', 'Nothing here.'],
  error: ['出错了', 'Something went wrong'],
  retry: ['重试', 'Retry'],
  purpose: ['用途', 'Purpose'],
  purposeHelp: ['查阅目的，会写入被查阅主体的访问记录。', 'Why you look: it is written to each subject\'s access log.'],
  search: ['查询', 'Search'],
  searchLabel: ['身份证号、统一社会信用代码、姓名（汉字或拼音）或主体 ID', 'Identity number, USCC, name (hanzi or pinyin) or subject id'],
  searchEmpty: ['没有找到匹配的主体。', 'No subject matches.'],
  more: ['下一页', 'Next page'],
  first: ['第一页', 'First page'],
  name: ['名称', 'Name'],
  kind: ['类型', 'Kind'],
  identity: ['证件号', 'Identity number'],
  score: ['分数', 'Score'],
  grade: ['等级', 'Grade'],
  open: ['打开', 'Open'],
  subject: ['信用主体', 'Subject'],
  scoreHistory: ['分数历史', 'Score history'],
  scoreHistoryHelp: ['每个点是一次记录事件；红点为负面记录发生，绿点为记录变化（解决、撤回）。', 'Each point is a record event; markers show records occurring or changing.'],
  dimensions: ['维度', 'Dimensions'],
  reasons: ['原因', 'Reasons'],
  points: ['分值', 'Points'],
  records: ['记录', 'Records'],
  type: ['类型', 'Type'],
  source: ['来源', 'Source'],
  status: ['状态', 'Status'],
  occurredAt: ['发生时间', 'Occurred'],
  publishedUntil: ['公示截止', 'Published until'],
  repairableFrom: ['可申请修复自', 'Repairable from'],
  legalBasis: ['法律依据', 'Legal basis'],
  lists: ['名单', 'Lists'],
  list: ['名单', 'List'],
  startedAt: ['开始', 'Started'],
  endsAt: ['结束', 'Ends'],
  endReason: ['结束原因', 'End reason'],
  relations: ['关联关系', 'Relations'],
  relationsEmpty: ['没有登记的关联关系。', 'No relations on file.'],
  objections: ['异议', 'Objections'],
  repairs: ['信用修复', 'Credit repairs'],
  dueAt: ['期限', 'Deadline'],
  accessLog: ['查阅记录', 'Access log'],
  accessLogHelp: ['谁在何时、为何查阅或决策了本档案。', 'Who read or decided on this file, when and why.'],
  at: ['时间', 'When'],
  actor: ['查阅者', 'Who'],
  role: ['角色', 'Role'],
  action: ['行为', 'Action'],
  notices: ['通知', 'Notices'],
  fileObjection: ['提出异议', 'File an objection'],
  statement: ['异议陈述', 'Statement'],
  statementHelp: ['说明记录为何有误（不超过 500 字）。', 'Say why the record is wrong (up to 500 characters).'],
  applyRepair: ['申请信用修复', 'Apply for repair'],
  commitment: ['信用承诺', 'Commitment'],
  commitmentHelp: ['书面信用承诺（不超过 2000 字）。', 'Your written commitment (up to 2000 characters).'],
  record: ['记录', 'Record'],
  submit: ['提交', 'Submit'],
  filed: ['已提交：', 'Filed: '],
  objectionFiled: ['异议已提交，提供方须在以下期限前答复：', 'Objection filed; the furnisher must answer by '],
  repairFiled: ['修复申请已提交，登记机构将在以下期限前决定：', 'Repair application filed; the registry decides by '],
  decide: ['查询决策', 'Decide'],
  decisionSubject: ['主体（主体 ID、身份证号或统一社会信用代码）', 'Subject (registry id, resident ID or USCC)'],
  effect: ['结论', 'Effect'],
  measures: ['措施', 'Measures'],
  remedy: ['救济途径', 'Remedy'],
  noMeasures: ['没有适用的措施。', 'No measure applies.'],
  effect_allow: ['允许', 'allow'],
  effect_deny: ['拒绝', 'deny'],
  effect_review: ['人工复核', 'review'],
  effect_benefit: ['激励', 'benefit'],
  overview: ['人口总览', 'Population overview'],
  subjects: ['主体数', 'Subjects'],
  gradeDistribution: ['等级分布', 'Grade distribution'],
  listSizes: ['名单规模', 'List sizes'],
  recordsBySource: ['各来源记录数（按月）', 'Records per source by month'],
  count: ['数量', 'Count'],
  month: ['月份', 'Month'],
  queue: ['异议与修复队列', 'Objections and repairs queue'],
  queueHelp: ['按期限先后排列的待处理案件。', 'Open cases, oldest first, with their deadlines.'],
  overdue: ['已逾期', 'overdue'],
  daysLeft: ['天后到期', 'days left'],
  policy: ['政策', 'Policy'],
  activeVersion: ['生效版本', 'Active version'],
  versions: ['历史版本', 'Versions'],
  candidate: ['候选政策（YAML）', 'Candidate policy (YAML)'],
  simulate: ['模拟', 'Simulate'],
  simulation: ['模拟结果', 'Simulation'],
  gradesChanged: ['等级变化的主体', 'Subjects whose grade changes'],
  entered: ['进入', 'entered'],
  left: ['退出', 'left'],
  flipped: ['结论改变', 'flipped'],
  compared: ['比较的主体数', 'Subjects compared'],
  loadActive: ['载入生效版本', 'Load the active version'],
  noReportForRole: ['此密钥不能查看信用报告。', 'This key cannot see reports.'],
  subjectKinds_person: ['自然人', 'person'],
  subjectKinds_org: ['组织', 'organisation'],
  furnisherSource: ['来源', 'Source'],
  showQueue: ['显示', 'Show'],
  of: ['共', 'of'],
  rp_only: ['仅显示结论、措施、法律依据和救济途径。', 'Only the effect, measures, legal basis and remedy are shown.'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof TEXT;

export function translate(lang: Lang, key: TextKey): string {
  return TEXT[key][lang === 'zh' ? 0 : 1];
}

/** A label for an API code (a role, an effect) when one exists; the code itself otherwise. */
export function translateCode(lang: Lang, prefix: string, code: string): string {
  const key = `${prefix}_${code}`;
  return Object.hasOwn(TEXT, key) ? translate(lang, key as TextKey) : code;
}

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'en', setLang: () => undefined });

export function useT() {
  const { lang } = useContext(LangContext);
  const t = (key: TextKey) => translate(lang, key);
  t.code = (prefix: string, code: string) => translateCode(lang, prefix, code);
  t.lang = lang;
  return t;
}

export function initialLang(): Lang {
  const saved = localStorage.getItem('xinyong.lang');
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * What the registry may and may never record. It records conduct (debts, judgments, penalties,
 * contract performance, verified fraud) and never who a person is, what they say or believe,
 * or whom they know. The forbidden list is not configurable: `conductCategories` can narrow or
 * rename the allowed list, but a forbidden topic stays forbidden under any spelling we recognise.
 */

/** Allowed when the policy does not set `conductCategories`. */
export const DEFAULT_CONDUCT_CATEGORIES: readonly string[] = [
  'debt',
  'judgment_enforcement',
  'administrative_penalty',
  'tax',
  'contract_performance',
  'fraud',
  'product_quality',
  'intellectual_property',
  'business_registration',
  'public_payment',
  'social_insurance',
  'traffic',
  'public_service',
  'corporate_governance',
];

/** Topic label -> words that name it. A category containing any of these words is forbidden. */
const FORBIDDEN_WORDS: Record<string, readonly string[]> = {
  speech: ['speech', 'speeches', 'expression', 'utterance', 'utterances', 'remarks'],
  opinions: ['opinion', 'opinions', 'viewpoint', 'viewpoints', 'ideology', 'ideological', 'thought'],
  'religion or belief': ['religion', 'religions', 'religious', 'belief', 'beliefs', 'faith', 'worship', 'spiritual', 'spirituality', 'creed'],
  'political activity': ['political', 'politics', 'protest', 'protests', 'petition', 'petitioning', 'dissent', 'activism', 'party_membership'],
  health: ['health', 'medical', 'illness', 'disease', 'diagnosis', 'disability', 'disabilities', 'psychiatric', 'pregnancy', 'genetic'],
  ethnicity: ['ethnicity', 'ethnic', 'race', 'racial', 'nationality', 'ancestry'],
  'personal relationships': [
    'relationship', 'relationships', 'friends', 'friendship', 'friendships', 'family', 'kinship', 'marital',
    'marriage', 'romantic', 'dating', 'sexual', 'sexuality', 'acquaintances', 'connections',
    'social_network', 'social_graph', 'social_ties', 'social_circle', 'social_relations',
  ],
};

/** Chinese terms, matched as substrings because Chinese has no word separators. */
const FORBIDDEN_CJK: Record<string, readonly string[]> = {
  speech: ['言论', '言行', '发言', '网络发帖'],
  opinions: ['观点', '意见', '思想'],
  'religion or belief': ['宗教', '信仰', '信教'],
  'political activity': ['政治', '上访', '信访', '抗议', '党派'],
  health: ['健康', '疾病', '病史', '医疗记录', '残疾'],
  ethnicity: ['民族', '种族', '族裔'],
  'personal relationships': ['社会关系', '人际关系', '亲属', '婚姻', '恋爱', '社交', '朋友'],
};

/** `Political-Activity `, `political activity`, `POLITICAL.ACTIVITY` -> `political_activity`. */
export function normaliseCategory(category: string): string {
  return category.normalize('NFKC').trim().toLowerCase().replace(/[\s\-_./:]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The forbidden topic a category names, or undefined when it names none. */
export function forbiddenTopic(category: string): string | undefined {
  const norm = normaliseCategory(category);
  const words = norm.split('_');
  // Also try adjacent word pairs, so `social network` matches `social_network` but `social insurance` does not.
  const pairs = words.slice(1).map((w, i) => `${words[i]}_${w}`);
  const candidates = new Set([norm, ...words, ...pairs]);
  for (const [topic, list] of Object.entries(FORBIDDEN_WORDS)) {
    if (list.some((w) => candidates.has(w))) return topic;
  }
  for (const [topic, list] of Object.entries(FORBIDDEN_CJK)) {
    if (list.some((w) => norm.includes(w))) return topic;
  }
  return undefined;
}

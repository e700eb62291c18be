/**
 * The saved scorecard: versioned JSON, checked against its schema when loaded so that a hand-edited
 * or truncated file fails with a clear message instead of scoring nonsense.
 */
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

export const MODEL_FORMAT = 'xinyong-scorecard';
export const MODEL_VERSION = 1;

const Num = Type.Number();
const NullableNum = Type.Union([Type.Number(), Type.Null()]);
const closed = { additionalProperties: false } as const;

const BinSchema = Type.Object({
  kind: Type.Enum(['range', 'set', 'missing', 'special']),
  label: Type.String(),
  lower: Type.Optional(NullableNum),
  upper: Type.Optional(NullableNum),
  categories: Type.Optional(Type.Array(Type.String())),
  count: Type.Integer({ minimum: 0 }),
  events: Type.Integer({ minimum: 0 }),
  woe: Num,
  iv: Num,
  points: Num,
}, closed);

const FeatureSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  type: Type.Enum(['numeric', 'categorical']),
  direction: Type.Enum(['ascending', 'descending', 'none', 'peak', 'valley']),
  splits: Type.Array(Num),
  specialValues: Type.Array(Num),
  bins: Type.Array(BinSchema, { minItems: 3 }),
  iv: Num,
  coefficient: Num,
  nonNumeric: Type.Integer({ minimum: 0 }),
}, closed);

const MetricsSchema = Type.Object({ n: Type.Integer({ minimum: 0 }), auc: NullableNum, gini: NullableNum, ks: NullableNum }, closed);

export const ScorecardModelSchema = Type.Object({
  format: Type.Literal(MODEL_FORMAT),
  version: Type.Literal(MODEL_VERSION),
  target: Type.Object({ column: Type.String(), event: Type.String() }, closed),
  scaling: Type.Object({ baseScore: Num, baseOdds: Type.Number({ exclusiveMinimum: 0 }), pdo: Type.Number({ exclusiveMinimum: 0 }), factor: Num, offset: Num }, closed),
  intercept: Num,
  basePoints: Num,
  features: Type.Array(FeatureSchema),
  candidates: Type.Array(Type.Object({
    name: Type.String(), type: Type.Enum(['numeric', 'categorical']), iv: Num,
    status: Type.Enum(['selected', 'low_iv', 'no_aic_gain', 'wrong_sign', 'max_features', 'excluded']),
  }, closed)),
  training: Type.Object({
    rows: Type.Integer({ minimum: 0 }),
    events: Type.Integer({ minimum: 0 }),
    digest: Type.String(),
    options: Type.Record(Type.String(), Type.Unknown()),
    metrics: MetricsSchema,
    calibration: Type.Array(Type.Object({ group: Num, n: Num, meanPd: Num, eventRate: Num }, closed)),
    /** Training score distribution for monitoring: bin edges (deciles) and the rows in each bin. */
    scoreEdges: Type.Array(Num),
    scoreCounts: Type.Array(Type.Integer({ minimum: 0 })),
  }, closed),
}, closed);

export type ScorecardModel = Static<typeof ScorecardModelSchema>;
export type ModelFeature = ScorecardModel['features'][number];
export type ModelBin = ModelFeature['bins'][number];

let validator: { Check(value: unknown): boolean; Errors(value: unknown): { instancePath: string; message: string }[] } | undefined;

/** Check a parsed JSON value; the problems name the path of each. */
export function checkModel(value: unknown): { ok: true; model: ScorecardModel } | { ok: false; problems: string[] } {
  const v = (validator ??= Compile(ScorecardModelSchema));
  if (v.Check(value)) {
    const m = value as ScorecardModel;
    const bad = m.features.find((f) => f.type === 'numeric' && f.bins.length !== f.splits.length + 3);
    if (bad) return { ok: false, problems: [`/features/${bad.name}: ${bad.splits.length} splits need ${bad.splits.length + 3} bins`] };
    return { ok: true, model: m };
  }
  const problems = v.Errors(value).slice(0, 8).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  const head = value as { format?: unknown; version?: unknown } | null;
  if (head && typeof head === 'object' && head.format === MODEL_FORMAT && head.version !== MODEL_VERSION) {
    problems.unshift(`model format version ${String(head.version)} is not supported (this build reads version ${MODEL_VERSION})`);
  }
  return { ok: false, problems };
}

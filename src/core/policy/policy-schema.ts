/**
 * The shape of a policy file. The schema checks structure only (types, enums, unknown keys);
 * everything that needs two parts of the policy at once lives in check-policy.ts.
 */
import { Type, type Static, type TSchema } from 'typebox';

export const DIMENSIONS = ['government', 'commercial', 'societal', 'judicial', 'financial'] as const;
/** Ascending: a later severity is worse. */
export const SEVERITIES = ['minor', 'general', 'serious'] as const;
export const SUBJECT_KINDS = ['person', 'org'] as const;
export const RELATIONS = ['legal_representative', 'shareholder', 'director', 'actual_controller', 'guarantor'] as const;

const closed = { additionalProperties: false } as const;
const Text = Type.String({ minLength: 1 });
/** Legal basis and remedy may be empty in the file so that check-policy can name the missing text. */
const Citation = Type.String();
/** ISO 8601 duration text; parsed (and rejected with a clear message) by check-policy. */
const DurationText = Type.String({ minLength: 1 });
/** `judicial.dishonest_debtor`, `air_travel.purchase`: dotted lower-case codes. */
const DottedCode = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$' });
const SnakeCode = Type.String({ pattern: '^[a-z][a-z0-9_]*$' });
/** `2026-10-01`; check-policy rejects dates that do not exist. */
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** What happens to a repair application nobody decided by its deadline. */
const OnDeadline = Type.Enum(['approve', 'reject']);
/** Working days: bounded so that a typo cannot make a deadline decades away. */
const WorkingDays = Type.Integer({ minimum: 1, maximum: 365 });

// Enums rather than unions of literals: one clear error ("must be one of ...") instead of one per branch.
export const DimensionSchema = Type.Enum(DIMENSIONS);
export const SeveritySchema = Type.Enum(SEVERITIES);
export const SubjectKindSchema = Type.Enum(SUBJECT_KINDS);
const SubjectKinds = Type.Array(SubjectKindSchema, { minItems: 1, uniqueItems: true });

const Range = Type.Object({ min: Type.Number(), max: Type.Number() }, closed);
const TermRange = Type.Object({ min: DurationText, max: DurationText }, closed);

const perDimension = <T extends TSchema>(schema: T) =>
  Type.Object(
    { government: schema, commercial: schema, societal: schema, judicial: schema, financial: schema },
    closed,
  );
const perSeverity = <T extends TSchema>(schema: T) =>
  Type.Object({ minor: schema, general: schema, serious: schema }, closed);
const perSeverityOptional = <T extends TSchema>(schema: T) =>
  Type.Object(
    { minor: Type.Optional(schema), general: Type.Optional(schema), serious: Type.Optional(schema) },
    closed,
  );

export const ConductTypeSchema = Type.Object(
  {
    kind: Type.Literal('conduct'),
    description: Text,
    dimension: DimensionSchema,
    sign: Type.Enum(['negative', 'positive']),
    category: Text,
    subjectKinds: SubjectKinds,
    severities: Type.Array(SeveritySchema, { minItems: 1, uniqueItems: true }),
    defaultSeverity: SeveritySchema,
    points: perSeverityOptional(Type.Number()),
    halfLife: DurationText,
    terms: Type.Optional(perSeverityOptional(TermRange)),
    legalBasis: Citation,
    lists: Type.Optional(Type.Array(SnakeCode, { uniqueItems: true })),
    repair: Type.Optional(Type.Enum(['after_min_term', 'never'])),
    // Overrides dueProcess.repair for this type's repair applications.
    repairDecision: Type.Optional(
      Type.Object({ withinWorkingDays: Type.Optional(WorkingDays), onDeadline: Type.Optional(OnDeadline) }, closed),
    ),
    // Severity derived from a numeric attribute when the furnisher sends none (e.g. days past due).
    severityFrom: Type.Optional(
      Type.Object(
        {
          attribute: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }),
          bands: Type.Array(Type.Object({ min: Type.Number(), severity: SeveritySchema }, closed), { minItems: 1 }),
        },
        closed,
      ),
    ),
    attributes: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }),
        Type.Object(
          {
            type: Type.Enum(['number', 'string', 'date']),
            required: Type.Optional(Type.Boolean()),
            description: Type.Optional(Type.String()),
          },
          closed,
        ),
        closed,
      ),
    ),
  },
  closed,
);

export const RelationTypeSchema = Type.Object(
  {
    kind: Type.Literal('relation'),
    description: Text,
    relation: Type.Enum(RELATIONS),
    category: Text,
    legalBasis: Citation,
    subjectKinds: SubjectKinds,
    relatedKinds: SubjectKinds,
  },
  closed,
);

export const RecordTypeSchema = Type.Union([ConductTypeSchema, RelationTypeSchema]);

export const ListDefinitionSchema = Type.Object(
  {
    kind: Type.Enum(['black', 'red', 'watch']),
    description: Text,
    legalBasis: Citation,
    subjectKinds: SubjectKinds,
    // Exactly one of recordTypes and grades (check-lists says which, at the offending key);
    // count, within and severities qualify recordTypes only.
    entry: Type.Object(
      {
        recordTypes: Type.Optional(Type.Array(DottedCode, { minItems: 1, uniqueItems: true })),
        grades: Type.Optional(Type.Array(Text, { minItems: 1, uniqueItems: true })),
        count: Type.Optional(Type.Integer({ minimum: 1 })),
        within: Type.Optional(DurationText),
        severities: Type.Optional(Type.Array(SeveritySchema, { minItems: 1, uniqueItems: true })),
      },
      closed,
    ),
    term: DurationText,
    warning: Type.Optional(DurationText),
    escalatesTo: Type.Optional(Type.Object({ list: SnakeCode, after: DurationText }, closed)),
  },
  closed,
);

export const MeasureSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_.-]*$' }),
    description: Text,
    kind: Type.Enum(['punishment', 'reward']),
    when: Type.Union([
      Type.Object({ list: SnakeCode }, closed),
      Type.Object({ grades: Type.Array(Text, { minItems: 1, uniqueItems: true }) }, closed),
    ]),
    actions: Type.Array(DottedCode, { minItems: 1, uniqueItems: true }),
    effect: Type.Enum(['deny', 'review', 'benefit']),
    appliesTo: Type.Array(Type.Enum(['self', ...RELATIONS]), { minItems: 1, uniqueItems: true }),
    legalBasis: Citation,
    remedy: Citation,
    pausedWhileDisputed: Type.Optional(Type.Boolean()),
  },
  closed,
);

/** Objections, credit repair and retention; every member is optional (see dueProcessRules for the defaults). */
export const DueProcessSchema = Type.Object(
  {
    objection: Type.Optional(
      Type.Object({ answerWithin: Type.Optional(DurationText), extension: Type.Optional(DurationText) }, closed),
    ),
    repair: Type.Optional(
      Type.Object({ decideWithinWorkingDays: Type.Optional(WorkingDays), onDeadline: Type.Optional(OnDeadline) }, closed),
    ),
    retention: Type.Optional(DurationText),
    publishMinor: Type.Optional(Type.Boolean()),
    // A fixed UTC offset, not a zone name: the core has no time-zone database, and China keeps no DST.
    timeZone: Type.Optional(Type.String({ pattern: '^(Z|[+-]\\d{2}:\\d{2})$' })),
    holidays: Type.Optional(Type.Array(DateText, { uniqueItems: true })),
    workingWeekends: Type.Optional(Type.Array(DateText, { uniqueItems: true })),
  },
  closed,
);

export const PolicySchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    name: Text,
    description: Type.Optional(Type.String()),
    scoring: Type.Object(
      {
        base: Type.Number(), min: Type.Number(), max: Type.Number(), dimensions: perDimension(Range),
        // A trained scorecard (xinyong-scorecard JSON, inline so the policy version covers it) that
        // replaces the rule points of financial records on the financial dimension.
        financialScorecard: Type.Optional(Type.Object(
          { model: Type.Unknown(), pointsPerScorecardPoint: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) },
          closed,
        )),
      },
      closed,
    ),
    grades: Type.Array(Type.Object({ grade: Text, min: Type.Number() }, closed), { minItems: 1 }),
    terms: perSeverity(TermRange),
    conductCategories: Type.Optional(Type.Array(Text, { minItems: 1, uniqueItems: true })),
    recordTypes: Type.Record(DottedCode, RecordTypeSchema, closed),
    lists: Type.Record(SnakeCode, ListDefinitionSchema, closed),
    actions: Type.Record(DottedCode, Type.Object({ description: Text, consumption: Type.Boolean() }, closed), closed),
    measures: Type.Array(MeasureSchema),
    // Which record types each furnisher may send over HTTP: source pattern (`court.*` or an exact
    // source id) -> type patterns (`judicial.*` or an exact type). Absent: any type from any source.
    furnishers: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*(\\.\\*)?$' }),
        Type.Object({ recordTypes: Type.Array(Type.String({ pattern: '^[a-z][a-z_]*(\\.[a-z][a-z_]*|\\.\\*)$' }), { minItems: 1 }) }, closed),
        closed,
      ),
    ),
    dueProcess: Type.Optional(DueProcessSchema),
    // Records about a person without a full identity number: match weights (bits) at or above
    // which ingest links them to a subject without review, and at or above which a person reviews.
    linkage: Type.Optional(Type.Object({ autoLink: Type.Number(), review: Type.Number() }, closed)),
  },
  closed,
);

export type Dimension = (typeof DIMENSIONS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type Relation = (typeof RELATIONS)[number];
export type ConductType = Static<typeof ConductTypeSchema>;
export type RelationType = Static<typeof RelationTypeSchema>;
export type RecordType = ConductType | RelationType;
export type ListDefinition = Static<typeof ListDefinitionSchema>;
export type Measure = Static<typeof MeasureSchema>;
export type DueProcessPolicy = Static<typeof DueProcessSchema>;
export type Policy = Static<typeof PolicySchema>;

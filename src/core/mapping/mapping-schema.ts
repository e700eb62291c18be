import { Type, type Static } from 'typebox';

const closed = { additionalProperties: false } as const;
const Name = Type.String({ minLength: 1, maxLength: 200 });

/**
 * How one record field is derived from an input row. Exactly one of `const`, `field` (the first of
 * these input fields that is not empty) or `template` (`{field}` placeholders) gives the value;
 * `map` then translates it through a table, `date` reads it as a date in any of the common Chinese
 * forms, `number` as an amount (`1,234.50元`, `12.3万元`). A value that is empty or missing is an
 * error unless the field is `optional` (then it is left out) or has a `default`.
 */
export const ValueSpecSchema = Type.Object(
  {
    const: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    field: Type.Optional(Type.Union([Name, Type.Array(Name, { minItems: 1 })])),
    template: Type.Optional(Type.String({ minLength: 1 })),
    map: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
    /** Value for input values the map does not list (absent: such a value is an error). */
    otherwise: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    date: Type.Optional(Type.Boolean()),
    number: Type.Optional(Type.Boolean()),
    default: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    optional: Type.Optional(Type.Boolean()),
  },
  closed,
);

/** One record an input row yields, when its condition holds: dotted keys name record fields (`subject.id`, `attributes.court`). */
export const EmitSchema = Type.Object(
  {
    description: Type.Optional(Type.String()),
    /** Emit only when these input fields are present and not empty. */
    when: Type.Optional(Type.Object({ present: Type.Array(Name, { minItems: 1 }) }, closed)),
    record: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9_]*)*$' }), ValueSpecSchema),
  },
  closed,
);

export const MappingSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    description: Type.Optional(Type.String()),
    /** What the furnisher sends: CSV with a header row, a JSON array of objects, or JSON Lines. */
    input: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('jsonl')]) }, closed),
    /** Input fields that must be present on every row; a row without one is rejected. */
    required: Type.Optional(Type.Array(Name)),
    emit: Type.Array(EmitSchema, { minItems: 1 }),
  },
  closed,
);

export type ValueSpec = Static<typeof ValueSpecSchema>;
export type Emit = Static<typeof EmitSchema>;
export type Mapping = Static<typeof MappingSchema>;

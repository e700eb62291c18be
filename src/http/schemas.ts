import { STATUS_CODES } from 'node:http';
import { Type } from 'typebox';

/** problem+json (RFC 9457) as every error response carries it. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: 'stable XY_* code' }),
  detail: Type.String(),
  instance: Type.String({ description: 'the request id (also in the x-request-id header)' }),
});

/** Response entries documenting the problems a route can answer with (OpenAPI and serialisation). */
export function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, {
    description: STATUS_CODES[s] ?? 'Error',
    content: { 'application/problem+json': { schema: Problem } },
  }]));
}

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** Registry subject ids are UUIDs: identity numbers never appear in URLs (or access logs). */
export const SubjectParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'registry subject id' }) });

export const PurposeQuery = Type.Object({
  purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'why the file is read (one of the purposes on the key)' })),
});

/** Every /v1 route needs a key. */
export const bearer = [{ bearer: [] }];

/** An object whose listed fields are documented; the rest pass through unchanged. */
export const Open = { additionalProperties: true } as const;

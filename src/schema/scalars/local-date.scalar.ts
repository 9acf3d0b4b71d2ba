import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date "YYYY-MM-DD" (2026-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  const m = PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError('Date must be a calendar date "YYYY-MM-DD"', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** API.md `Date`: a local calendar day "YYYY-MM-DD" (no time, no zone), a string inside too. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date "YYYY-MM-DD" (a local day, no time zone).',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string "YYYY-MM-DD"', { extensions: { code: 'BAD_USER_INPUT' } });
    return parse(ast.value);
  },
});

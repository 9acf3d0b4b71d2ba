import Decimal from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Dec, formatDecimal } from '../../money/decimal';

/** What numeric(15,4) can hold. */
const MAX_ABS = new Dec('99999999999.9999');

function parse(value: unknown): Decimal {
  const ok =
    (typeof value === 'string' && /^-?\d{1,11}(\.\d{1,4})?$/.test(value.trim())) ||
    (typeof value === 'number' && Number.isSafeInteger(value));
  if (!ok) {
    throw new GraphQLError('Decimal must be a string like "12.50" (at most 4 decimals) or an integer', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const parsed = new Dec(typeof value === 'string' ? value.trim() : value);
  if (parsed.abs().gt(MAX_ABS)) {
    throw new GraphQLError('Decimal is out of range', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return parsed;
}

/** Money and quantities with decimals: a string on the wire, decimal.js inside. */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description: 'An exact decimal number, serialized as a string ("12.50").',
  serialize(value) {
    if (Decimal.isDecimal(value)) return formatDecimal(value as Decimal);
    if (typeof value === 'string' || typeof value === 'number') return formatDecimal(new Dec(value));
    throw new GraphQLError('Decimal cannot represent this value');
  },
  parseValue: parse,
  parseLiteral(ast) {
    // An integer literal is parsed from its text, never through a JS number.
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parse(ast.value);
    throw new GraphQLError('Decimal must be a string or an integer', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

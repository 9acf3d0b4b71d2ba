import Decimal from 'decimal.js';
import { badInput } from '../../errors';

/** One line of a typed cash count: `{denomination: "0.25", count: 4}`. */
export interface DenominationCount {
  denomination: Decimal;
  count: number;
}

/**
 * A drawer count arrives either as the JSON object (`{"100": 1, "0.25": 4}`,
 * usable only as a variable: GraphQL literals cannot have quoted keys) or as
 * typed lines that can be written inline. Both become the JSON shape the
 * count validator and the stored session use, with the name of the field
 * that was given for error messages. Giving both is refused: which one counts?
 */
export function countInput(
  json: unknown,
  lines: readonly DenominationCount[] | null | undefined,
  fields: { json: string; lines: string },
): { raw: unknown; field: string } {
  if (lines === null || lines === undefined) return { raw: json, field: fields.json };
  if (json !== null && json !== undefined)
    throw badInput(fields.lines, `give ${fields.lines} or ${fields.json}, not both`);
  const raw: Record<string, number> = {};
  for (const line of lines) {
    const key = line.denomination.toFixed(); // "0.250" and "0.25" are one denomination
    // The validator checks counts; a non-number here stays non-number so that it is refused there.
    raw[key] = typeof raw[key] === 'number' ? raw[key] + line.count : line.count;
  }
  return { raw, field: fields.lines };
}

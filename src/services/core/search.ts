/** `%text%` for ILIKE, with the user's own % _ and \ taken literally. */
export function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

import { DocumentNode, GraphQLError, Kind, visit } from 'graphql';

/**
 * C0 controls but tab, line feed and carriage return, DEL, and the C1 block:
 * no text a till, a receipt or a report shows needs them, PostgreSQL refuses
 * NUL outright, and the others hide in names and break printers.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function badInput(where: string): GraphQLError {
  return new GraphQLError(`Invalid input: ${where} contains a control character`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/** Every string in a variables value, object keys included; iterative, so nesting depth cannot blow the stack. */
function firstBadVariable(variables: Record<string, unknown>): string | null {
  const stack: Array<[unknown, string]> = [[variables, '$']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (FORBIDDEN.test(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (FORBIDDEN.test(key)) return path;
        stack.push([item, path === '$' ? `$${key}` : `${path}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * The one check every request's input strings pass before anything runs, on
 * HTTP and WebSocket alike: the string literals of the document and every
 * string in its variables. A control character is BAD_USER_INPUT.
 */
export function controlCharacterError(
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
): GraphQLError | null {
  let literal = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (FORBIDDEN.test(node.value)) literal = true;
    },
  });
  if (literal) return badInput('a string in the operation');
  const variable = variables ? firstBadVariable(variables) : null;
  return variable ? badInput(`variable ${variable}`) : null;
}

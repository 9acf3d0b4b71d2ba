import { ESCPOS_WIDTHS, EscPosWidth } from './escpos';

export interface AgentOptions {
  /** The GraphQL endpoint over HTTP (`http://host:4000/graphql`); the WebSocket URL is derived from it. */
  serverUrl: string;
  /** A HARDWARE_AGENT device token (issueDeviceToken). */
  token: string;
  /** The terminal the token is bound to (read from the token). */
  terminalId: string;
  /** `tcp://HOST[:9100]` or `file:PATH`. */
  printerUrl: string;
  width: EscPosWidth;
  logLevel: string;
}

export const USAGE = `usage: npm run agent -- --server URL --token TOKEN --printer tcp://HOST:9100|file:PATH [--width 42] [--log-level info]
  (or AGENT_SERVER, AGENT_TOKEN, AGENT_PRINTER, AGENT_WIDTH, LOG_LEVEL in the environment)`;

/** The agent's options from argv (`--name value` or `--name=value`), falling back to the environment. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): AgentOptions {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    const eq = arg.indexOf('=');
    if (eq > 0) given.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < argv.length) given.set(arg.slice(2), argv[++i]);
    else throw new Error(`${arg} needs a value\n${USAGE}`);
  }
  for (const name of given.keys()) {
    if (!['server', 'token', 'printer', 'width', 'log-level'].includes(name))
      throw new Error(`unknown option --${name}\n${USAGE}`);
  }
  const required = (name: string, envName: string): string => {
    const value = given.get(name) ?? env[envName];
    if (!value) throw new Error(`--${name} is required\n${USAGE}`);
    return value;
  };
  const token = required('token', 'AGENT_TOKEN');
  const width = Number(given.get('width') ?? env.AGENT_WIDTH ?? 42);
  if (!(ESCPOS_WIDTHS as readonly number[]).includes(width))
    throw new Error(`--width must be one of ${ESCPOS_WIDTHS.join(', ')}`);
  return {
    serverUrl: graphqlUrl(required('server', 'AGENT_SERVER')),
    token,
    terminalId: terminalOfToken(token),
    printerUrl: required('printer', 'AGENT_PRINTER'),
    width: width as EscPosWidth,
    logLevel: given.get('log-level') ?? env.LOG_LEVEL ?? 'info',
  };
}

/** `http://host:4000` and `http://host:4000/graphql` both mean the GraphQL endpoint. */
export function graphqlUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`--server "${server}" is not a URL (e.g. http://pos.example:4000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--server must be http:// or https://`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/graphql';
  return url.toString();
}

/** The terminal a device token is bound to (its `trm` claim; the server verifies the token, not the agent). */
export function terminalOfToken(token: string): string {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (claims.knd !== 'HARDWARE_AGENT') throw new Error(`it is a ${claims.knd ?? 'user'} token`);
    if (typeof claims.trm !== 'string') throw new Error('it names no terminal');
    return claims.trm;
  } catch (error) {
    throw new Error(`--token is not a HARDWARE_AGENT device token: ${(error as Error).message}`);
  }
}

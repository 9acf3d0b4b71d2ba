import { readFileSync } from 'node:fs';
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

export const USAGE = `usage: POS_AGENT_TOKEN=... npm run agent -- --server URL --printer tcp://HOST:9100|file:PATH [--width 42] [--log-level info]
       npm run agent -- --server URL --token-file PATH --printer ...
  (or AGENT_SERVER, AGENT_PRINTER, AGENT_WIDTH, LOG_LEVEL in the environment)`;

// A token on the command line shows in npm's "> node ... --token X" banner, in `ps` and in shell history.
const TOKEN_ON_COMMAND_LINE = `--token is not accepted: a token on the command line shows in npm's banner, ps and shell history.
Put it in POS_AGENT_TOKEN or in a file named by --token-file PATH.`;

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
    if (name === 'token') throw new Error(TOKEN_ON_COMMAND_LINE);
    if (!['server', 'token-file', 'printer', 'width', 'log-level'].includes(name))
      throw new Error(`unknown option --${name}\n${USAGE}`);
  }
  const required = (name: string, envName: string): string => {
    const value = given.get(name) ?? env[envName];
    if (!value) throw new Error(`--${name} is required\n${USAGE}`);
    return value;
  };
  const token = readToken(given.get('token-file'), env);
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

/** The token from --token-file (first line, trimmed) or POS_AGENT_TOKEN; errors never quote it. */
function readToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): string {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(tokenFile, 'utf8');
    } catch (error) {
      throw new Error(`--token-file ${tokenFile} cannot be read: ${(error as NodeJS.ErrnoException).code}`);
    }
    const token = text.split('\n')[0].trim();
    if (!token) throw new Error(`--token-file ${tokenFile} is empty`);
    return token;
  }
  const token = env.POS_AGENT_TOKEN?.trim();
  if (!token) throw new Error(`no token: set POS_AGENT_TOKEN or pass --token-file PATH\n${USAGE}`);
  return token;
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
    throw new Error(`the token is not a HARDWARE_AGENT device token: ${(error as Error).message}`);
  }
}

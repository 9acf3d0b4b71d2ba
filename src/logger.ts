import pino, { Logger } from 'pino';

/** JSON logs in production; readable lines (pino-pretty) in development. */
export function createLogger(level: string, pretty: boolean): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', '*.password', '*.ownerPassword'],
    transport: pretty
      ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }
      : undefined,
  });
}

export type { Logger };

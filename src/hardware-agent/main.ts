import { createLogger } from '../logger';
import { HardwareAgent } from './agent';
import { parseArgs } from './args';
import { printerFromUrl } from './printer';

/** `POS_AGENT_TOKEN=... npm run agent -- --server URL [--token-file PATH] --printer tcp://HOST:9100 | file:PATH` */
function main(): void {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const log = createLogger(options.logLevel, process.stdout.isTTY === true).child({ agent: options.terminalId });
  const agent = new HardwareAgent(options, printerFromUrl(options.printerUrl), log);
  agent.start();
  const shutdown = (signal: string) => {
    log.info({ signal }, 'stopping');
    agent.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main();

/** The services layer as the entry points (server, worker, CLI) see it: the composition root. */
export { createServices } from './app-services';
export type { AppServices } from './app-services';

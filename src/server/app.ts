import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppServices } from '../services';
import { isDatabaseUnavailable } from '../db/db-availability';
import { createContext, ServerContext } from './context-factory';
import { providerWebhookRoutes } from './provider-webhooks-route';
import { displayRoutes } from './display-route';
import { formatError, isInternal } from './format-error';
import { reportCsvRoute } from './report-csv-route';
import { healthRoutes } from './health-routes';
import { retryableStatus } from './retryable-status';
import { graphqlIdeRoutes } from './graphql-ide-route';
import { getSchema } from './schema';
import { sharedSubscribe } from './shared-subscriptions';
import { bodyErrors, corsFor, inputStringsPlugin, jsonBody } from './limits/http-limits';
import { limitParseOptions, limitRules } from './limits/operation-limits';
import { ConnectionsPerToken, guardedOperation } from './limits/ws-limits';

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** Stops accepting, lets in-flight requests finish, closes subscriptions. */
  stop(): Promise<void>;
}

/** Logs every error the client will only see as INTERNAL_SERVER_ERROR, with its request id (an unavailable database as a warning). */
const errorLogging: ApolloServerPlugin<ServerContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          const err = error.originalError ?? error;
          if (isDatabaseUnavailable(err))
            contextValue.log?.warn({ err: (err as Error).message, operationName }, 'database unavailable');
          else if (isInternal(error)) contextValue.log?.error({ err, operationName }, 'internal error');
        }
      },
    };
  },
};

/** How long a stopping server lets in-flight requests run before it closes their connections. */
const REQUEST_GRACE_MS = 5_000;

/** Endpoints for benchmarks, off unless asked for. */
export interface DebugHooks {
  sqlStatements?: () => number;
}

/** One HTTP server: GraphQL over HTTP and graphql-ws on `/graphql`, `/healthz` and `/readyz`. */
export async function startServer(services: AppServices, port: number, debug: DebugHooks = {}): Promise<RunningServer> {
  const schema = await getSchema();
  const { operations, connections, corsOrigins } = services.config.limits;
  const app = express();
  const httpServer = http.createServer(app);

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: connections.maxPayloadBytes,
  });
  const perToken = new ConnectionsPerToken(connections.maxConnectionsPerToken);
  const operation = guardedOperation(schema, operations, connections);
  const wsCleanup = useServer<{ authorization?: string }>(
    {
      schema,
      context: (ctx) => createContext(services, ctx.connectionParams?.authorization),
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const probe = await createContext(services, authorization);
        // every subscription needs a token; a bad one closes the socket (4403)
        return Boolean(probe.actor) && perToken.admit(ctx, String(authorization));
      },
      onClose: (ctx) => perToken.release(ctx),
      onSubscribe: (ctx, _id, payload) => operation(ctx, payload),
      // A cart event reads the same for every display of its terminal: executed once, not once per screen.
      subscribe: sharedSubscribe(['cartUpdated']),
    },
    wsServer,
  );

  const apollo = new ApolloServer<ServerContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Governed by limitRules, the same rule on both transports (GRAPHQL_INTROSPECTION).
    introspection: true,
    parseOptions: limitParseOptions(operations),
    validationRules: limitRules(operations),
    // main.ts owns SIGINT/SIGTERM: Apollo's own handler would re-raise the signal once it has stopped, killing the
    // process before the job workers and the database are shut down.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: REQUEST_GRACE_MS }),
      ApolloServerPluginLandingPageDisabled(), // its pages load from a CDN; development gets graphqlIdeRoutes
      errorLogging,
      inputStringsPlugin,
      retryableStatus,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  healthRoutes(app, services);
  displayRoutes(app);
  providerWebhookRoutes(app, services);
  reportCsvRoute(app, services);
  if (!services.config.production) graphqlIdeRoutes(app);
  const { sqlStatements } = debug;
  if (sqlStatements) app.get('/debug/sql-statements', (_req, res) => void res.json({ statements: sqlStatements() }));
  app.use(
    '/graphql',
    ...corsFor(corsOrigins),
    jsonBody(operations.maxBodyBytes),
    bodyErrors,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = (req.headers['x-request-id'] as string) || randomUUID();
        res.setHeader('x-request-id', requestId);
        return createContext(services, req.headers.authorization, requestId, req.ip);
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const actualPort = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actualPort}/graphql`,
    port: actualPort,
    httpServer,
    stop: () => apollo.stop(),
  };
}

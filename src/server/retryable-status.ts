import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

export const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'OUTCOME_UNKNOWN']);

const isRetryable = (error: GraphQLFormattedError) => RETRYABLE_CODES.has(error.extensions?.code as string);

/**
 * HTTP 503 (with `Retry-After: 1`) for a response that failed only because
 * the service is unavailable and carries no data: a proxy, a load balancer
 * and a plain HTTP client all see "try again", and the body is still a
 * GraphQL response with the error's code. A response with some data (one
 * field failed, another answered) stays 200, as GraphQL over HTTP asks.
 */
export const retryableStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        if (!errors?.some(isRetryable)) return;
        const anyData = data && Object.values(data).some((value) => value !== null);
        if (anyData) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', '1');
      },
    };
  },
};

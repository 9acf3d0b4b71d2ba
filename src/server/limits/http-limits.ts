import type { ApolloServerPlugin } from '@apollo/server';
import cors from 'cors';
import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { controlCharacterError } from './control-characters';

/** The input string check (control-characters.ts) on the HTTP path, after parsing and validation. */
export const inputStringsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const error = controlCharacterError(document, request.variables);
        if (error) throw error;
      },
    };
  },
};

/** JSON bodies up to `maxBytes`; a larger one is refused (413) while it is still being read. */
export function jsonBody(maxBytes: number): RequestHandler {
  return express.json({ limit: maxBytes });
}

/** Body-parser failures as a GraphQL-shaped answer with a stable code, not express's HTML page. */
export const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const status = (error as { status?: number }).status;
  if (!status || status >= 500) return next(error);
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  res.status(status).json({ errors: [{ message: (error as Error).message, extensions: { code } }] });
};

const CORS_HEADERS = [
  'authorization',
  'content-type',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

/**
 * CORS for the origins in CORS_ORIGINS only. A request from any other origin
 * (or none) gets no CORS headers; its preflight is answered 403 so a browser
 * refuses it at once, and plain server-to-server calls are unaffected.
 */
export function corsFor(origins: readonly string[]): RequestHandler[] {
  const allowed = new Set(origins);
  return [
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: CORS_HEADERS,
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    }),
    (req, res, next) => {
      if (req.method !== 'OPTIONS') return next();
      res.status(403).json({ errors: [{ message: 'Origin not allowed', extensions: { code: 'FORBIDDEN' } }] });
    },
  ];
}

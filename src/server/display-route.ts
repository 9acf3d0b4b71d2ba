import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project root (holds package.json), whether running from src or dist. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/**
 * The customer display page at /display: static files, and the graphql-ws
 * browser client served from node_modules (no external CDN).
 */
export function displayRoutes(app: express.Express): void {
  const root = projectRoot();
  app.get('/display/graphql-ws.js', (_req, res) => {
    res.sendFile(path.join(root, 'node_modules/graphql-ws/umd/graphql-ws.min.js'));
  });
  app.use('/display', express.static(path.join(root, 'src/display'), { index: 'index.html' }));
}

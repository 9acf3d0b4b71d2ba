import express from 'express';
import path from 'node:path';
import { projectRoot } from './display-route';

/**
 * In development, a browser opening /graphql (GET asking for HTML) gets the
 * small IDE in src/graphql-ide, served from here: Apollo's landing page loads
 * its IDE from a CDN and shows nothing without internet access.
 */
export function graphqlIdeRoutes(app: express.Express): void {
  const dir = path.join(projectRoot(), 'src/graphql-ide');
  app.use('/graphql-ide', express.static(dir, { index: false }));
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html')
      return next();
    res.sendFile(path.join(dir, 'index.html'));
  });
}

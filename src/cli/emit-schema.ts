import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchemaFile } from '../server/schema';

/** `npm run codegen` step 1: writes schema.graphql from the built schema. */
printSchemaFile()
  .then((sdl) => {
    writeFileSync(path.resolve(__dirname, '../../schema.graphql'), sdl);
    console.log('schema.graphql written');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

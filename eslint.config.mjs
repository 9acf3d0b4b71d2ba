// Lint and layer directions, run by `npm test` (docs/architecture.md, "Directions").
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Folders of src/ (and migrations) as elements: the first pattern that matches a file's path wins. */
const ELEMENTS = [
  ['hardware-agent', 'src/hardware-agent'],
  ['receipt', 'src/receipt'],
  ['money', 'src/money'],
  ['entities', 'src/entities'],
  ['db', 'src/db'],
  ['auth', 'src/auth'],
  ['jobs', 'src/jobs'],
  ['services', 'src/services'],
  ['schema', 'src/schema'],
  ['resolvers', 'src/resolvers'],
  ['server', 'src/server'],
  ['cli', 'src/cli'],
  ['migrations', 'migrations'],
].map(([type, pattern]) => ({ type, pattern, partialMatch: false }));

/** Single files that are not a folder of their own, by category. */
const FILES = [
  { category: 'jobs-api', pattern: ['src/jobs/job-queue.ts', 'src/jobs/job-names.ts', 'src/jobs/transaction-db.ts'] },
  { category: 'logger', pattern: 'src/logger.ts' },
  { category: 'base', pattern: ['src/errors.ts', 'src/canonical-json.ts'] },
  { category: 'config', pattern: 'src/config.ts' },
  // The environment parsers of the server's limits and the webhooks, which src/config.ts assembles.
  {
    category: 'config-part',
    pattern: ['src/server/limits/limits-config.ts', 'src/services/webhooks/webhook-config.ts'],
  },
  { category: 'context', pattern: ['src/context.ts', 'src/loaders.ts'] },
  { category: 'entry', pattern: ['src/main.ts', 'src/worker.ts', 'src/bootstrap.ts'] },
];

const LEAVES = ['base', 'logger', 'config'];

/** What each element or root file may import (besides its own element and packages): [elements, root files]. */
const MAY_IMPORT = {
  'hardware-agent': [['receipt', 'money'], ['logger']],
  receipt: [['money'], []],
  money: [['entities'], ['base']],
  entities: [['money', 'db'], ['base']],
  db: [['entities', 'money', 'migrations'], LEAVES],
  migrations: [[], []],
  auth: [['entities'], ['context', ...LEAVES]],
  services: [
    ['entities', 'money', 'receipt', 'db', 'auth'],
    ['context', 'jobs-api', ...LEAVES],
  ],
  jobs: [
    ['services', 'entities', 'money', 'receipt', 'db', 'auth'],
    ['context', ...LEAVES],
  ],
  schema: [['services', 'entities', 'money', 'receipt', 'auth'], LEAVES],
  resolvers: [
    ['schema', 'services', 'entities', 'money', 'receipt', 'auth'],
    ['context', ...LEAVES],
  ],
  server: [
    ['resolvers', 'schema', 'services', 'entities', 'db', 'auth'],
    ['context', 'jobs-api', ...LEAVES],
  ],
  cli: [
    ['server', 'services', 'jobs', 'schema', 'entities', 'money', 'db', 'auth', 'migrations'],
    ['context', 'entry', 'jobs-api', ...LEAVES],
  ],
};
const FILE_MAY_IMPORT = {
  'jobs-api': [[], ['context', ...LEAVES]],
  context: [['services', 'auth', 'entities'], LEAVES],
  entry: [
    ['server', 'schema', 'services', 'jobs', 'db', 'entities', 'auth'],
    ['context', 'jobs-api', ...LEAVES],
  ],
  base: [[], ['base']],
  config: [[], ['config-part']],
  'config-part': [[], []],
  logger: [[], []],
};

const allowing = ([elements, files]) => [
  { to: { element: { types: { anyOf: elements.length ? elements : ['-none-'] } } } },
  { to: { file: { categories: { anyOf: files.length ? files : ['-none-'] } } } },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'test/generated/**', 'src/display/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests and benchmarks read loosely typed GraphQL JSON; the code they test may not.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts', 'migrations/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/files': FILES,
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...Object.entries(MAY_IMPORT).map(([type, [elements, files]]) => ({
              from: { element: { type } },
              allow: allowing([[type, ...elements], files]),
            })),
            ...Object.entries(FILE_MAY_IMPORT).map(([category, allowed]) => ({
              from: { file: { categories: category } },
              allow: allowing([allowed[0], [category, ...allowed[1]]]),
            })),
          ],
        },
      ],
      'boundaries/no-unknown-dependencies': 'error',
    },
  },
);

// One jest config, three tiers selected by file suffix (see package.json scripts):
//   *.unit.spec.ts  pure code, no I/O            (npm run test:unit)
//   *.int.spec.ts   real PostgreSQL/SQLite/Kafka/Redis (npm run test:int)
//   *.e2e.spec.ts   whole apps as processes       (npm run test:e2e)
const { readFileSync } = require('node:fs');
const { compilerOptions } = require('./tsconfig.json');

const swcConfig = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

// Mirror the tsconfig path aliases so tests import libs exactly as the apps do.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const tier = process.env.TANDEM_TEST_TIER; // unit | int | e2e | undefined (= all)
const suffix = tier ? `${tier}.spec.ts` : '(unit|int|e2e).spec.ts';

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: `.*\\.${suffix}$`,
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  // Mercurius loads quick-lru (ESM only) with `import()`, which Jest's CommonJS runtime cannot run:
  // compiling both to CommonJS turns it into a require.
  transformIgnorePatterns: ['/node_modules/(?!(mercurius|quick-lru)/)'],
  moduleNameMapper,
  testTimeout: tier === 'unit' ? 5_000 : 60_000,
};

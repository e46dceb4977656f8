// Jest in CommonJS mode; @swc/jest transpiles our TypeScript and the ESM-only Nest/NATS packages.
const esmPackages = [
  '@nestjs',
  '@nats-io',
  'file-type',
  'load-esm',
  'uid',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'peek-readable',
];
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@shop/(contracts|common|messaging|persistence|testing)$': '<rootDir>/libs/$1/src/index.ts',
    // content-disposition 3 (used by @fastify/static) is an ES module jest cannot require; see the shim.
    '^content-disposition$': '<rootDir>/libs/testing/jest/content-disposition.cjs',
  },
  testEnvironment: 'node',
};
module.exports = {
  // testTimeout is a global option: jest ignores it inside a project entry.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/backend/**/src/**/*.spec.ts',
        // The benchmark and the tools keep their code outside src/.
        '<rootDir>/backend/{bench,tools}/**/*.spec.ts',
      ],
    },
    {
      ...common,
      // The real module of a service in this process, its peers answered by test doubles (no build needed).
      displayName: 'flow',
      testMatch: ['<rootDir>/backend/**/test/**/*.flow-spec.ts', '<rootDir>/libs/**/test/**/*.flow-spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/backend/**/test/**/*.e2e-spec.ts', '<rootDir>/libs/**/test/**/*.e2e-spec.ts'],
    },
  ],
};

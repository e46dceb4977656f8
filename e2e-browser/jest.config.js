// The browser tests: the e2e project's settings (swc, module paths) with their own files and a longer timeout.
const { resolve } = require('node:path');
const root = require('../jest.config.js');

const e2e = root.projects.find((p) => p.displayName === 'e2e');

module.exports = {
  testTimeout: 300_000,
  projects: [
    {
      ...e2e,
      displayName: 'browser',
      rootDir: resolve(__dirname, '..'),
      testMatch: ['<rootDir>/e2e-browser/**/*.browser-spec.ts'],
    },
  ],
};

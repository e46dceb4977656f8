/**
 * `npm run docs:config`: rewrites the configuration tables of README.md (between `<!-- config:start -->` and
 * `<!-- config:end -->`) from the schemas listed in config-schemas.ts. `--check` changes nothing and ends
 * with exit code 1 when the tables differ from the schemas.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_SCHEMAS } from './config-schemas';
import { renderConfigTables, replaceConfigTables } from './config-tables';

/** The repository, from dist/backend/tools/ where the build puts this script. */
const README = resolve(__dirname, '..', '..', '..', 'README.md');

function main(): number {
  const current = readFileSync(README, 'utf8');
  const wanted = replaceConfigTables(current, renderConfigTables(CONFIG_SCHEMAS));
  if (wanted === current) {
    console.log('README.md: the configuration tables match the schemas');
    return 0;
  }
  if (process.argv.includes('--check')) {
    console.error('README.md: the configuration tables differ from the schemas; run `npm run docs:config`');
    return 1;
  }
  writeFileSync(README, wanted);
  console.log('README.md: configuration tables written from the schemas');
  return 0;
}

process.exit(main());

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { envVar, instanceEnv, loadConfig } from '@shop/common';
import { CONFIG_SCHEMAS } from './config-schemas';
import {
  CONFIG_END,
  CONFIG_START,
  configVariables,
  renderConfigTables,
  replaceConfigTables,
} from './config-tables';

const README = resolve(__dirname, '..', '..', 'README.md');

describe('configuration tables', () => {
  it('documents schemas that each load from an empty environment (every variable has a default or is optional)', () => {
    for (const { title, schema } of CONFIG_SCHEMAS)
      expect({ title, loads: (() => (loadConfig(schema, {}), true))() }).toEqual({ title, loads: true });
  });

  it("README.md's tables match the schemas (run `npm run docs:config` when this fails)", () => {
    const readme = readFileSync(README, 'utf8');
    const expected = replaceConfigTables(readme, renderConfigTables(CONFIG_SCHEMAS));
    if (readme !== expected)
      throw new Error(
        "README.md's configuration tables differ from the schemas in backend/tools/config-schemas.ts. " +
          'Run `npm run docs:config` and commit README.md.',
      );
  });

  it('documents no variable both in a generated table and in a hand-written one', () => {
    const readme = readFileSync(README, 'utf8');
    const outside = readme.slice(0, readme.indexOf(CONFIG_START)) + readme.slice(readme.indexOf(CONFIG_END));
    const handWritten = new Set(
      outside
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1])),
    );
    const generated = CONFIG_SCHEMAS.flatMap(configVariables).map((v) => v.name);
    expect(generated.filter((name) => handWritten.has(name))).toEqual([]);
  });

  it('lists a variable with its default and description, leaving out the ones a base schema documents', () => {
    const svcEnv = instanceEnv.extend({
      WORKERS: envVar.int(8, 'Workers per instance', { min: 1 }),
      MODE: envVar.oneOf(['fast', 'safe'], 'safe', 'How to run'),
      ENABLED: envVar.flag(true, 'Whether it runs'),
      PEERS: envVar.list('Peers, comma-separated'),
      SECRET: envVar.optionalText('A secret | with a pipe'),
    });
    const entry = {
      title: 'Svc',
      source: 'backend/svc/src/config/svc.env.ts',
      schema: svcEnv,
      inherits: [instanceEnv],
    };
    expect(configVariables(entry)).toEqual([
      { name: 'WORKERS', defaultValue: '8', description: 'Workers per instance' },
      { name: 'MODE', defaultValue: 'safe', description: 'How to run (one of `fast`, `safe`)' },
      { name: 'ENABLED', defaultValue: 'true', description: 'Whether it runs' },
      { name: 'PEERS', defaultValue: undefined, description: 'Peers, comma-separated' },
      { name: 'SECRET', defaultValue: undefined, description: 'A secret | with a pipe' },
    ]);
    const table = renderConfigTables([entry]);
    expect(table).toContain(
      '### Svc\n\nDeclared in [backend/svc/src/config/svc.env.ts](backend/svc/src/config/svc.env.ts).',
    );
    expect(table).toContain('| `WORKERS` | `8` | Workers per instance |');
    expect(table).toContain('| `PEERS` | — | Peers, comma-separated |');
    expect(table).toContain('| `SECRET` | — | A secret \\| with a pipe |');
    expect(table).not.toContain('NATS_URL');
  });

  it('refuses a variable without a description', () => {
    const entry = { title: 'Bad', source: 'bad.ts', schema: z.object({ X: z.string().default('a') }) };
    expect(() => configVariables(entry)).toThrow('bad.ts: X has no description');
  });

  it('replaces only what lies between the markers', () => {
    const doc = `intro\n${CONFIG_START}\nold\n${CONFIG_END}\noutro\n`;
    expect(replaceConfigTables(doc, 'new')).toBe(`intro\n${CONFIG_START}\nnew\n${CONFIG_END}\noutro\n`);
    expect(() => replaceConfigTables('no markers', 'new')).toThrow('config:start');
  });
});

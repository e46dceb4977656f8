import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleWebApps } from './web-build';

describe('staleWebApps', () => {
  let root: string;
  const touch = (path: string, secondsAgo: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'x');
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(join(root, path), t, t);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'web-build-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is empty without an Angular workspace', () => {
    expect(staleWebApps(root)).toEqual([]);
  });

  it('lists apps whose output is missing or older than their sources', () => {
    writeFileSync(
      join(root, 'angular.json'),
      JSON.stringify({
        projects: {
          storefront: { root: 'storefront', sourceRoot: 'storefront/src' },
          'admin-ui': {
            root: 'admin-ui',
            architect: { build: { options: { outputPath: { base: 'dist/admin' } } } },
          },
        },
      }),
    );
    utimesSync(join(root, 'angular.json'), Date.now() / 1000 - 100, Date.now() / 1000 - 100);
    touch('storefront/src/main.ts', 50);
    touch('admin-ui/src/main.ts', 10);
    touch('dist/admin/browser/index.html', 20);
    expect(staleWebApps(root)).toEqual(['storefront', 'admin-ui']);
    touch('dist/storefront/browser/index.html', 5);
    touch('dist/admin/browser/index.html', 5);
    expect(staleWebApps(root)).toEqual([]);
  });
});

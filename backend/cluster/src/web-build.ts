import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface AngularJson {
  projects?: Record<
    string,
    { root?: string; sourceRoot?: string; architect?: { build?: { options?: { outputPath?: unknown } } } }
  >;
}

/** Newest modification time of any file under `dir` (0 when it does not exist). */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(dir, entry)));
  }
  return newest;
}

function outputDir(root: string, project: string, outputPath: unknown): string {
  const base =
    typeof outputPath === 'string'
      ? outputPath
      : typeof outputPath === 'object' && outputPath && 'base' in outputPath
        ? String((outputPath as { base: unknown }).base)
        : `dist/${project}`;
  return join(root, base);
}

/**
 * The Angular apps to (re)build: those whose build output is missing or older than their sources,
 * the shared contracts or angular.json. Empty when there is no Angular workspace yet.
 */
export function staleWebApps(root: string): string[] {
  const angularJson = join(root, 'angular.json');
  if (!existsSync(angularJson)) return [];
  const workspace = JSON.parse(readFileSync(angularJson, 'utf8')) as AngularJson;
  const shared = Math.max(statSync(angularJson).mtimeMs, newestMtime(join(root, 'libs/contracts/src')));
  const stale: string[] = [];
  for (const [name, project] of Object.entries(workspace.projects ?? {})) {
    const sources = join(root, project.sourceRoot ?? join(project.root ?? name, 'src'));
    const built = newestMtime(outputDir(root, name, project.architect?.build?.options?.outputPath));
    if (built === 0 || built < Math.max(shared, newestMtime(sources))) stale.push(name);
  }
  return stale;
}

// `npm start`: build the backend (incremental tsc, a few seconds), then hand over to the supervisor,
// which builds the Angular apps when they are stale and runs every service instance (backend/cluster/src).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
if (!['1', 'true'].includes(process.env.SKIP_BUILD ?? '')) {
  const build = spawnSync('npm', ['run', 'build:backend'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const { runCluster } = createRequire(import.meta.url)(`${root}dist/backend/cluster/src/main.js`);
runCluster(process.argv.slice(2)).catch((err) => {
  console.error(`\nCannot start the cluster:\n  ${err.message}\n`);
  process.exit(1);
});

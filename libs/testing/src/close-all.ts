/**
 * Runs every teardown step in order, each even when an earlier one failed (they free independent things:
 * a module, peers, connections, a database), then throws the first failure. For `afterAll`.
 */
export async function closeAll(...steps: (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length > 0) throw failures[0];
}

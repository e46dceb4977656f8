/**
 * Everything the benchmark started is registered here and undone in reverse order on the way out:
 * normal end, thrown error, or a signal. Running it twice is harmless.
 */
const tasks: { name: string; fn: () => Promise<void> | void }[] = [];
let running: Promise<void> | undefined;

export function onCleanup(name: string, fn: () => Promise<void> | void): void {
  tasks.push({ name, fn });
}

export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      try {
        await task.fn();
      } catch (err) {
        console.error(`cleanup of ${task.name} failed: ${(err as Error).message}`);
      }
    }
  })();
  return running;
}

/** On SIGINT/SIGTERM: clean up, then exit with the conventional code. */
export function installSignalCleanup(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping everything the benchmark started...`);
      void runCleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/**
 * Preloaded into every instance (`node --require`): when the supervisor that started the process is
 * gone (its parent pid changes), the instance shuts itself down instead of living on as an orphan.
 */
const parent = process.ppid;
const timer = setInterval(() => {
  if (process.ppid !== parent) {
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
    // If graceful shutdown hangs, leave anyway.
    setTimeout(() => process.exit(1), 10_000).unref();
  }
}, 1000);
timer.unref();
export {};

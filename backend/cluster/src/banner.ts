import { DEMO_ACCOUNTS } from '@shop/contracts';

/** What `npm start` prints once every instance is ready: where to go and how to sign in. */
export function readyBanner(opts: {
  port: number;
  seconds: number;
  /** Data directory of the embedded PostgreSQL, when `npm start` runs one. */
  embeddedDataDir?: string;
  smtpUrl: string;
}): string {
  const base = `http://localhost:${opts.port}`;
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length)) + 2;
  const lines = [
    '',
    `  All instances are ready (${opts.seconds.toFixed(1)} s).`,
    '',
    `  Storefront   ${base}/`,
    `  Admin        ${base}/admin/`,
    `  Swagger      ${base}/api/docs`,
    `  Health       ${base}/api/services/health`,
    '',
    '  Demo accounts:',
    ...DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(width)}${a.password.padEnd(14)}${a.label}`),
    '',
    `  Outgoing mail goes to ${opts.smtpUrl} (the local SMTP sink; the admin console lists it).`,
  ];
  if (opts.embeddedDataDir)
    lines.push(
      `  Database: the embedded PostgreSQL, data in ${opts.embeddedDataDir}, stopped with the cluster.`,
    );
  lines.push('  Ctrl-C stops everything.', '');
  return lines.join('\n');
}

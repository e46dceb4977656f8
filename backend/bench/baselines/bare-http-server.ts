/**
 * Baseline: a bare Node `http` server (no framework) answering the same JSON as the gateway routes.
 * Runs as its own process, like the gateway, so both share the CPU with the load generator alike.
 * Prints `listening <port>` once ready.
 */
import { createServer } from 'node:http';
import { infoPayload, productPagePayload } from './payloads';

const bodies: Record<string, string> = {
  '/info': JSON.stringify(infoPayload()),
  '/page': JSON.stringify(productPagePayload()),
};

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const body = bodies[path];
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`listening ${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

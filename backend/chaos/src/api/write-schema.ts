/**
 * `npm run chaos:schema [-- --url http://localhost:3000]`: writes the typed client's schema
 * (backend/chaos/src/api/schema.d.ts) from the OpenAPI document a running gateway serves.
 */
import {
  SCHEMA_FILE,
  compareSchemas,
  fetchApiDocument,
  readCommittedSchema,
  renderClientSchema,
  writeSchema,
} from './api-schema';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--url');
  const baseUrl = (at >= 0 ? process.argv[at + 1] : undefined) ?? 'http://localhost:3000';
  const text = await renderClientSchema(await fetchApiDocument(baseUrl));
  if (compareSchemas(readCommittedSchema(), text).same) {
    process.stdout.write(`${SCHEMA_FILE} is up to date with ${baseUrl}/api/docs-json\n`);
    return;
  }
  writeSchema(text);
  process.stdout.write(`Wrote ${SCHEMA_FILE} from ${baseUrl}/api/docs-json\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`Cannot write the client schema: ${err.message}\n`);
  process.exit(1);
});

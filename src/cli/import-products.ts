import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse';

/**
 * npm run import:products -- file.csv [--url http://localhost:4000/graphql] [--token TOKEN | POS_TOKEN]
 * Streams a CSV (header row: sku,name,price[,barcode,category,costPrice,taxRate,isActive]) into
 * upsertProducts, 1,000 rows a call, with a progress bar over the file's bytes. Rows are created
 * or updated by sku; an empty optional cell keeps the product's value. Two calls are in flight at
 * once, so the server parses and validates one batch while the database writes the other (the
 * tenant's catalogue writes still commit one at a time). Stops at the first error, naming the
 * batch's first line: the batches before it are in, the one sent beside it may be; running the
 * file again after fixing it is safe, since rows are matched by sku.
 */
const UPSERT = `mutation Upsert($input: UpsertProductsInput!) { upsertProducts(input: $input) { created updated } }`;
const BATCH = 1000;
const IN_FLIGHT = 2;
const OPTIONAL = ['barcode', 'category', 'costPrice', 'taxRate'] as const;

type Row = Record<string, string>;

function toProduct(row: Row): Record<string, unknown> {
  const product: Record<string, unknown> = { sku: row.sku, name: row.name, price: row.price };
  for (const field of OPTIONAL) if (row[field]) product[field] = row[field];
  if (row.isActive) product.isActive = row.isActive.toLowerCase() === 'true';
  return product;
}

async function send(url: string, token: string, rows: Row[], line: number) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: UPSERT, variables: { input: { products: rows.map(toProduct) } } }),
  });
  const body = (await res.json()) as {
    data?: { upsertProducts: { created: number; updated: number } };
    errors?: unknown[];
  };
  if (body.errors?.length) throw new Error(`rows from line ${line}: ${JSON.stringify(body.errors[0])}`);
  return body.data!.upsertProducts;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string', default: 'http://localhost:4000/graphql' }, token: { type: 'string' } },
  });
  const file = positionals[0];
  const token = values.token ?? process.env.POS_TOKEN;
  if (!file || !token) throw new Error('usage: npm run import:products -- file.csv --token TOKEN (or POS_TOKEN)');
  const input = createReadStream(file);
  const bar = new SingleBar({ format: 'products {bar} {percentage}% | {rows} rows | {eta}s left' });
  bar.start(statSync(file).size, 0, { rows: 0 });
  const totals = { created: 0, updated: 0 };
  const started = Date.now();
  let batch: Row[] = [];
  let line = 2;
  let rows = 0;
  const sending = new Set<Promise<void>>();
  const flush = async () => {
    if (!batch.length) return;
    const sent = batch;
    const call = send(values.url!, token, sent, line).then((result) => {
      totals.created += result.created;
      totals.updated += result.updated;
      rows += sent.length;
      bar.update(input.bytesRead, { rows });
    });
    sending.add(call);
    // A failed call stays in the set, so the next race (or the last wait) throws its error.
    call.then(
      () => sending.delete(call),
      () => undefined,
    );
    line += sent.length;
    batch = [];
    if (sending.size >= IN_FLIGHT) await Promise.race(sending);
  };
  for await (const row of input.pipe(parse({ columns: true, skip_empty_lines: true, trim: true }))) {
    batch.push(row as Row);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  await Promise.all(sending);
  bar.update(statSync(file).size, { rows });
  bar.stop();
  console.log(
    `${rows} rows: ${totals.created} created, ${totals.updated} updated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

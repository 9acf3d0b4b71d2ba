import { admin } from './test-db';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (url && template) await admin(url, `drop database if exists ${template}`).catch(() => undefined);
  await (globalThis as { __embeddedPg?: { stop(): Promise<void> } }).__embeddedPg?.stop();
}

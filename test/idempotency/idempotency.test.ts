import { randomBytes, randomUUID } from 'node:crypto';
import { TenantContext } from '../../src/context';
import { Tenant, User } from '../../src/entities';
import { Role } from '../../src/entities/enums';
import { DomainError } from '../../src/errors';
import { dec } from '../../src/money/decimal';
import { createContext } from '../../src/server/context-factory';
import { registerTenant, TenantFixture } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let tenant: TenantFixture;
beforeAll(async () => {
  t = await startTestApp();
  tenant = await registerTenant(t);
});
afterAll(() => t.close());

/** A real request context for the tenant's owner, as the server builds it (its own EntityManager fork). */
async function ownerContext(fixture: TenantFixture = tenant): Promise<TenantContext> {
  const ctx = await createContext(t.app.services, `Bearer ${fixture.ownerToken}`);
  if (!ctx.tenantId || !ctx.actor) throw new Error('the owner token did not authenticate');
  return ctx as TenantContext;
}

/** The effect under test: create a user, as a mutation would. */
function createUser(email: string) {
  return async (tx: TenantContext) => {
    const user = tx.em.create(User, {
      id: randomUUID(),
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      email,
      name: 'Idempotent',
      passwordHash: 'not-a-real-hash',
      roles: [Role.CASHIER],
      isActive: true,
      createdAt: new Date(),
    });
    await tx.em.flush();
    return { userId: user.id };
  };
}

const newEmail = () => `user-${randomBytes(4).toString('hex')}@${tenant.slug}.test`;
const newKey = () => `key-${randomUUID()}`;

async function usersWithEmail(email: string): Promise<number> {
  const [row] = await t.sql<{ n: string }>('select count(*)::text as n from users where email = ?', [email]);
  return Number(row.n);
}

async function recordsWithKey(
  key: string,
): Promise<Array<{ operation: string; request_hash: string; response: unknown }>> {
  return t.sql('select operation, request_hash, response from idempotency_records where key = ?', [key]);
}

async function codeOfRejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('expected a DomainError');
}

describe('IdempotencyService.run', () => {
  it('runs the work once for the same key and input, and returns the first result again', async () => {
    const email = newEmail();
    const key = newKey();
    const request = { key, operation: 'createUser', input: { email, amount: dec('10.50'), tags: ['a', 'b'] } };
    const first = await t.app.services.idempotency.run(await ownerContext(), request, createUser(email));
    // The same input spelled differently (key order, trailing zeros) is the same request.
    const retry = { key, operation: 'createUser', input: { tags: ['a', 'b'], amount: dec('10.5'), email } };
    const second = await t.app.services.idempotency.run(await ownerContext(), retry, createUser(email));
    expect(second).toEqual(first);
    expect(await usersWithEmail(email)).toBe(1);
    const records = await recordsWithKey(key);
    expect(records).toEqual([
      { operation: 'createUser', request_hash: expect.stringMatching(/^[0-9a-f]{64}$/), response: first },
    ]);
  });

  it('runs 10 concurrent calls with one key exactly once, all returning the same result', async () => {
    const email = newEmail();
    const key = newKey();
    const contexts = await Promise.all(Array.from({ length: 10 }, () => ownerContext()));
    const results = await Promise.all(
      contexts.map((ctx) =>
        t.app.services.idempotency.run(ctx, { key, operation: 'createUser', input: { email } }, createUser(email)),
      ),
    );
    expect(new Set(results.map((r) => r.userId)).size).toBe(1);
    expect(await usersWithEmail(email)).toBe(1);
    expect(await recordsWithKey(key)).toHaveLength(1);
  });

  it('rejects the key with a different input or operation as IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const key = newKey();
    const email = newEmail();
    await t.app.services.idempotency.run(
      await ownerContext(),
      { key, operation: 'createUser', input: { email } },
      createUser(email),
    );

    const otherEmail = newEmail();
    const otherInput = t.app.services.idempotency.run(
      await ownerContext(),
      { key, operation: 'createUser', input: { email: otherEmail } },
      createUser(otherEmail),
    );
    expect(await codeOfRejection(otherInput)).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherOperation = t.app.services.idempotency.run(
      await ownerContext(),
      { key, operation: 'addPayment', input: { email } },
      createUser(otherEmail),
    );
    expect(await codeOfRejection(otherOperation)).toBe('IDEMPOTENCY_KEY_REUSED');

    expect(await usersWithEmail(otherEmail)).toBe(0);
    expect(await recordsWithKey(key)).toHaveLength(1);
  });

  it('keeps no record when the work throws, so a retry with the same key runs it again', async () => {
    const key = newKey();
    const email = newEmail();
    const failing = async (tx: TenantContext) => {
      await createUser(email)(tx); // the effect is flushed, then the work fails: it must roll back
      throw new DomainError('PAYMENT_DECLINED', 'declined');
    };
    const failed = t.app.services.idempotency.run(
      await ownerContext(),
      { key, operation: 'createUser', input: { email } },
      failing,
    );
    expect(await codeOfRejection(failed)).toBe('PAYMENT_DECLINED');
    expect(await usersWithEmail(email)).toBe(0);
    expect(await recordsWithKey(key)).toHaveLength(0);

    const retried = await t.app.services.idempotency.run(
      await ownerContext(),
      { key, operation: 'createUser', input: { email } },
      createUser(email),
    );
    expect(await usersWithEmail(email)).toBe(1);
    expect((await recordsWithKey(key))[0].response).toEqual(retried);
  });

  it('scopes keys per tenant: the same key in another tenant is a new request', async () => {
    const other = await registerTenant(t);
    const key = newKey();
    const email = newEmail();
    const mine = await t.app.services.idempotency.run(
      await ownerContext(),
      { key, operation: 'createUser', input: { email } },
      createUser(email),
    );
    const theirs = await t.app.services.idempotency.run(
      await ownerContext(other),
      { key, operation: 'createUser', input: { email } },
      createUser(email),
    );
    expect(theirs.userId).not.toBe(mine.userId);
    expect(await recordsWithKey(key)).toHaveLength(2);
  });

  it('rejects an empty or over-long key as BAD_USER_INPUT naming idempotencyKey', async () => {
    for (const key of ['', 'k'.repeat(101)]) {
      const run = t.app.services.idempotency.run(
        await ownerContext(),
        { key, operation: 'createUser', input: {} },
        createUser(newEmail()),
      );
      await expect(run).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' } });
    }
  });
});

import { randomUUID } from 'node:crypto';
import { RedisStorage } from '../../bot/storage/redis-storage';
import type { BankDatabase } from '../../data/database';
import { openFixtureBank } from '../support/fixture-bank';
import { createTestBot } from '../support/test-bot';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisStorage (real Redis)', () => {
  let storage: RedisStorage;
  const prefix = `bank-copilot-test:${randomUUID()}:`;

  beforeAll(async () => {
    storage = new RedisStorage(REDIS_URL, { keyPrefix: prefix, ttlSeconds: 60 });
    await storage.connect();
  });
  afterAll(async () => {
    await storage.close();
  });

  it('writes, reads and deletes items', async () => {
    await storage.write({ a: { n: 1 }, b: { s: 'x' } });
    const items = await storage.read(['a', 'b', 'missing']);
    expect(items.a).toMatchObject({ n: 1 });
    expect(items.b).toMatchObject({ s: 'x' });
    expect(items.missing).toBeUndefined();
    await storage.delete(['a']);
    expect(await storage.read(['a'])).toEqual({});
  });

  it('refuses a write based on a stale eTag and keeps the newer item', async () => {
    await storage.write({ c: { v: 1 } });
    const first = (await storage.read(['c'])).c;
    const second = (await storage.read(['c'])).c;
    await storage.write({ c: { ...first, v: 2 } });
    await expect(storage.write({ c: { ...second, v: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['c'])).c).toMatchObject({ v: 2 });
    await storage.write({ c: { v: 4, eTag: '*' } });
    expect((await storage.read(['c'])).c).toMatchObject({ v: 4 });
  });

  it('shares a conversation between two bot instances: the question on one, "the second one" on the other', async () => {
    const bank: BankDatabase = await openFixtureBank();
    const other = new RedisStorage(REDIS_URL, { keyPrefix: prefix, ttlSeconds: 60 });
    await other.connect();
    try {
      const instanceA = await createTestBot(bank, { storage });
      const instanceB = await createTestBot(bank, { storage: other });
      const conversationId = `shared-${randomUUID()}`;
      const asked = await instanceA.conversation('S0010', 'emulator', conversationId).say('tell me about Wang Wei');
      expect(asked.trace.outcome).toBe('clarify');
      const picked = await instanceB.conversation('S0010', 'emulator', conversationId).say('the second one');
      expect(picked.trace).toMatchObject({ intent: 'customer_profile', outcome: 'answered', result: { customerId: 'C000002' } });
    } finally {
      await other.close();
      await bank.close();
    }
  });

  it('stops clearly when Redis cannot be reached', async () => {
    const nowhere = new RedisStorage('redis://127.0.0.1:1', { keyPrefix: prefix });
    await expect(nowhere.connect()).rejects.toThrow();
    await nowhere.close().catch(() => undefined);
  });
});

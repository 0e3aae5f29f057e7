import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import Redis from 'ioredis';

/**
 * Conversation state in Redis, so that several bot instances behind a load balancer share one memory of
 * each conversation ("the second one" may reach another instance than the question did).
 *
 * Follows the botbuilder `Storage` contract: an item written with an `eTag` other than `*` is only
 * replaced when the stored item still has that eTag (optimistic concurrency), checked atomically in Redis.
 * Items expire after `ttlSeconds` without a write, so abandoned conversations do not accumulate.
 */
export class RedisStorage implements Storage {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly options: { keyPrefix?: string; ttlSeconds?: number } = {},
  ) {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    this.redis.defineCommand('casWrite', {
      numberOfKeys: 1,
      // KEYS[1] item key; ARGV: expected eTag ('*' = any), new JSON, ttl seconds.
      lua: `
        local current = redis.call('GET', KEYS[1])
        if ARGV[1] ~= '*' and current then
          local stored = cjson.decode(current)
          if stored['eTag'] ~= ARGV[1] then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
        return 1`,
    });
  }

  /** Connects and checks the server answers; call once at start so a wrong REDIS_URL stops start-up clearly. */
  async connect(): Promise<void> {
    await this.redis.connect();
    await this.redis.ping();
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.redis.mget(keys.map((k) => this.key(k)));
    const items: StoreItems = {};
    keys.forEach((k, i) => {
      const v = values[i];
      if (v) items[k] = JSON.parse(v);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const ttl = String(this.options.ttlSeconds ?? 7 * 24 * 3600);
    for (const [k, item] of Object.entries(changes)) {
      const expected = typeof item?.eTag === 'string' && item.eTag !== '' ? item.eTag : '*';
      const next = JSON.stringify({ ...item, eTag: randomUUID() });
      const ok = await (this.redis as Redis & { casWrite(key: string, etag: string, json: string, ttl: string): Promise<number> }).casWrite(
        this.key(k),
        expected,
        next,
        ttl,
      );
      if (ok !== 1) throw new Error(`Conversation state "${k}" was changed by another turn at the same time (eTag conflict); nothing was overwritten`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((k) => this.key(k)));
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private key(k: string): string {
    return `${this.options.keyPrefix ?? 'bank-copilot:state:'}${k}`;
  }
}

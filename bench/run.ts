/**
 * `npm run bench -- [--db var/bank.db] [--requests 40] [--skills a,b] [--as S0001]`
 *
 * Turn latency of every skill through the real HTTP endpoint: the app (restify, CloudAdapter, bot,
 * recognizer, skills, SQLite/PostgreSQL) runs in this process on an ephemeral loopback port and each
 * request is a Bot Framework activity with deliveryMode expectReplies, timed from request to response.
 * The database must hold a seeded bank (`npm run seed`); models are trained if missing.
 * Prints p50/p95/max per skill and the machine, as a Markdown table.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../bot/app';
import { createBuiltInRecognizer, parseFollowUp, parseOrdinal } from '../bot/built-in-recognizer';
import { loadConfig, REPO_ROOT } from '../bot/config';
import { silentLogger } from '../bot/logger';
import { listen } from '../bot/server';
import { openDatabase } from '../data/database';
import { ensureModels } from '../models/training/ensure-models';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'var/bank.db' },
    requests: { type: 'string', default: '40' },
    skills: { type: 'string' },
    as: { type: 'string' },
  },
});

/** One representative question per skill; `{c}` is a customer of the asking relationship manager. */
const CASES: Array<{ skill: string; asker: 'rm' | 'admin' | 'marketing'; text: string }> = [
  { skill: 'help', asker: 'rm', text: 'help' },
  { skill: 'customer_profile', asker: 'rm', text: 'tell me about {c}' },
  { skill: 'credit_risk', asker: 'rm', text: 'credit risk of {c}' },
  { skill: 'churn_risk', asker: 'rm', text: 'is {c} likely to leave?' },
  { skill: 'customer_segment', asker: 'rm', text: 'which segment is {c} in?' },
  { skill: 'transaction_anomalies', asker: 'rm', text: 'any unusual transactions for {c}?' },
  { skill: 'policy_qa', asker: 'rm', text: 'who can approve a band C loan of 2m?' },
  { skill: 'model_info', asker: 'rm', text: 'which models are in use?' },
  { skill: 'segment_overview', asker: 'rm', text: 'show me the customer segments' },
  { skill: 'campaign_targets', asker: 'marketing', text: 'top 50 customers for wealth management in Shanghai aged 30 to 50' },
  { skill: 'campaign_targets (bank, no filter)', asker: 'marketing', text: 'top 20 customers for credit card' },
  { skill: 'campaign_targets (RM)', asker: 'rm', text: 'top 20 customers for credit card' },
  { skill: 'portfolio_stats', asker: 'admin', text: 'how many customers hold a mortgage in Beijing?' },
  { skill: 'portfolio_stats (bank, age + product)', asker: 'admin', text: 'how many customers aged 30 to 50 hold a credit card?' },
  { skill: 'portfolio_stats (RM)', asker: 'rm', text: 'how many of my customers are high churn risk?' },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const requests = Number(args.requests);
  const sqlitePath = path.resolve(REPO_ROOT, args.db!);
  const config = loadConfig({ ...process.env, PORT: '0', SQLITE_PATH: sqlitePath, LOG_LEVEL: 'error' });
  const bank = await openDatabase({ databaseUrl: config.database.url, sqlitePath });
  const customers = Number((await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (customers === 0) throw new Error(`${bank.location} holds no bank: run "npm run seed -- --db ${args.db}" first`);
  const { models } = await ensureModels(bank, { onProgress: (l) => process.stderr.write(`${l}\n`) });
  const { server } = await createApp({ config, bank, logger: silentLogger, recognizer: createBuiltInRecognizer(), parseOrdinal, parseFollowUp, models });
  const port = await listen(server, 0, '127.0.0.1');

  // The RM with the most customers asks about their own customers, spread over the portfolio.
  const rm = await bank.db
    .selectFrom('customers')
    .select(['rm_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('rm_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const own = (await bank.db.selectFrom('customers').select('id').where('rm_id', '=', rm.rm_id).orderBy('id').limit(requests).execute()).map((r) => r.id);
  const askers = { rm: args.as ?? rm.rm_id, admin: 'S0001', marketing: 'S0003' };
  const wanted = args.skills?.split(',');

  const rows: string[] = [];
  for (const c of CASES.filter((x) => !wanted || wanted.some((w) => x.skill.startsWith(w)))) {
    const times: number[] = [];
    let failures = 0;
    for (let i = 0; i < requests + 3; i++) {
      const text = c.text.replace('{c}', own[i % own.length]!);
      const body = JSON.stringify({
        type: 'message',
        id: `b${i}`,
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:1',
        deliveryMode: 'expectReplies',
        from: { id: askers[c.asker] },
        recipient: { id: 'bank-copilot' },
        conversation: { id: `bench-${c.skill}-${i}` },
        text,
      });
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await res.json()) as { activities?: Array<{ type: string; value?: { outcome?: string; skill?: string } }> };
      const elapsed = performance.now() - started;
      const trace = json.activities?.find((a) => a.type === 'trace')?.value;
      if (res.status !== 200 || trace?.outcome !== 'answered' || !c.skill.startsWith(trace.skill ?? '?')) failures += 1;
      if (i >= 3) times.push(elapsed); // the first requests warm caches and the JIT
    }
    times.sort((a, b) => a - b);
    rows.push(`| ${c.skill} | ${times.length} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${failures} |`);
    process.stderr.write(`${rows.at(-1)}\n`);
  }
  server.close();
  await bank.close();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    [
      `Turn latency through POST /api/messages (expectReplies), ${bank.location}, ${customers.toLocaleString('en')} customers,`,
      `${os.cpus().length} × ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| skill | requests | p50 ms | p95 ms | max ms | not answered |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

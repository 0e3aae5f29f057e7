/**
 * Latency of the governed portfolio statistics (the query behind `portfolio_stats`) on SQLite.
 *
 *   npx tsx bench/portfolio.ts --db var/bank.db [--runs 20]
 *   npx tsx bench/portfolio.ts --build var/seg-dev-100k.db var/bench-portfolio-1m.db --copies 10
 *
 * `--build` makes a large bank from a smaller one by copying its customers, accounts and segment
 * assignments `copies` times under new ids (each copy with its own relationship managers, so a
 * portfolio keeps its size), and gives every customer deterministic credit and churn scores. Only the
 * tables the statistics read are copied. Results are written up in bench/portfolio.md.
 */
import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { openDatabase } from '../data/database';
import { PortfolioRepository, type PortfolioQuery } from '../data/repositories/portfolio-repository';
import type { CustomerScope } from '../data/scope';
import { SegmentRepository } from '../data/repositories/segment-repository';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function build(source: string, target: string, copies: number): Promise<void> {
  if (fs.existsSync(target)) throw new Error(`${target} exists; remove it first`);
  const bank = await openDatabase({ sqlitePath: target });
  await bank.close();
  const db = new SqliteDatabase(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(`attach database '${source.replace(/'/g, "''")}' as src`);
    db.transaction(() => {
    db.exec(`insert into meta select * from src.meta`);
    db.exec(`insert into branches select * from src.branches`);
    db.exec(`insert into staff select * from src.staff`);
    db.exec(`insert into segmentation_models select * from src.segmentation_models`);
    db.exec(`insert into segments select * from src.segments`);
    const n = (db.prepare('select count(*) n from src.customers').get() as { n: number }).n;
    const na = (db.prepare('select count(*) n from src.accounts').get() as { n: number }).n;
    for (let k = 0; k < copies; k++) {
      const cid = `'C' || printf('%07d', ${k * n} + cast(substr(id, 2) as integer))`;
      db.exec(`insert into customers select ${cid}, name, name_pinyin, gender, birth_date, city, branch_id,
        case when ${k} = 0 then rm_id else rm_id || '-${k}' end, marketing_consent, do_not_contact, id_number, phone, email,
        occupation, annual_income, joined_date, preferred_language from src.customers`);
      db.exec(`insert into accounts select 'A' || printf('%08d', ${k * na} + cast(substr(id, 2) as integer)),
        'C' || printf('%07d', ${k * n} + cast(substr(customer_id, 2) as integer)), product, opened_date, closed_date, status, balance, credit_limit
        from src.accounts`);
      db.exec(`insert into customer_segments select 'C' || printf('%07d', ${k * n} + cast(substr(customer_id, 2) as integer)),
        segment_id, model_version, distance from src.customer_segments`);
    }
    // Deterministic stand-in scores: about 1 in 20 customers unscored, bands and levels spread by id.
    db.exec(`insert into customer_scores (customer_id, as_of, credit_band, credit_reasons, churn_level, churn_reasons, run_id)
      select id, '2026-11-01',
        case (cast(substr(id, 2) as integer) * 7) % 10 when 0 then 'A' when 1 then 'B' when 2 then 'B' when 3 then 'C' when 4 then 'C'
          when 5 then 'C' when 6 then 'D' when 7 then 'E' else 'B' end, '[]',
        case (cast(substr(id, 2) as integer) / 10) % 10 when 0 then 'high' when 1 then 'medium' when 2 then 'medium' else 'low' end, '[]', 'bench'
      from customers where cast(substr(id, 2) as integer) % 20 <> 0`);
  })();
  db.exec('analyze');
  db.close();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function run(file: string, runs: number): Promise<void> {
  const bank = await openDatabase({ sqlitePath: file, migrate: false });
  const repo = new PortfolioRepository(bank.db);
  const segments = await new SegmentRepository(bank.db).currentNames();
  const asOf = (await bank.db.selectFrom('meta').select('value').where('key', '=', 'as_of').executeTakeFirstOrThrow()).value;
  const customers = Number((await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rm = (await bank.db.selectFrom('staff').select('id').where('role', '=', 'relationship_manager').orderBy('id').executeTakeFirstOrThrow()).id;
  const segmentation = segments ? { modelVersion: segments.modelVersion, segmentIds: segments.segments.map((s) => s.segmentId) } : undefined;
  const all: CustomerScope = { kind: 'all' };
  const cases: Array<[string, Omit<PortfolioQuery, 'asOf' | 'segmentation'>]> = [
    ['RM portfolio, no filter', { scope: { kind: 'portfolio', rmId: rm }, filters: {} }],
    ['branch B01, no filter', { scope: { kind: 'branch', branchId: 'B01' }, filters: {} }],
    ['whole bank, no filter', { scope: all, filters: {} }],
    ['whole bank, city Shanghai', { scope: all, filters: { city: 'Shanghai' } }],
    ['whole bank, age 30-50 + product credit_card', { scope: all, filters: { ageMin: 30, ageMax: 50 }, product: 'credit_card' }],
    ['whole bank, minBalance 500k', { scope: all, filters: { minBalance: 500_000 } }],
    ['whole bank, high churn + band D', { scope: all, filters: { churnRisk: 'high', creditRiskBand: 'D' } }],
    ['whole bank, segment 0', { scope: all, filters: segmentation ? { segmentId: segmentation.segmentIds[0] } : {} }],
  ];
  console.log(`${file}: ${customers.toLocaleString('en-US')} customers, ${runs} runs per case (after one warm-up)`);
  console.log('| case | customers | p50 ms | p95 ms | CPU p50 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [label, q] of cases) {
    const query = { ...q, asOf, segmentation };
    const first = await repo.figures(query);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      await repo.figures(query);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(`| ${label} | ${first.customers.toLocaleString('en-US')} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${percentile(cpu, 0.5).toFixed(1)} |`);
  }
  await bank.close();
}

async function main(): Promise<void> {
  const source = arg('--build');
  if (source) {
    const target = process.argv[process.argv.indexOf('--build') + 2];
    if (!target) throw new Error('usage: --build <source.db> <target.db> --copies N');
    await build(source, target, Number(arg('--copies') ?? 10));
    return;
  }
  await run(arg('--db') ?? 'var/bank.db', Number(arg('--runs') ?? 20));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

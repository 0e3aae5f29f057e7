import type { BankDatabase } from '../../data/database';
import { PortfolioRepository } from '../../data/repositories/portfolio-repository';
import { SegmentRepository } from '../../data/repositories/segment-repository';
import type { CustomerScope } from '../../data/scope';
import { AS_OF } from '../support/fixture-bank';
import { createTemporarySchema } from '../support/postgres';
import { expectedFigures, loadCustomerFacts, openPortfolioBank, type CustomerFacts, type ExpectedFilters } from './portfolio-stats-bank';

let schema: Awaited<ReturnType<typeof createTemporarySchema>>;
let bank: BankDatabase;
let facts: CustomerFacts[];

beforeAll(async () => {
  schema = await createTemporarySchema();
  bank = await openPortfolioBank({ databaseUrl: schema.url });
  facts = await loadCustomerFacts(bank);
});
afterAll(async () => {
  await bank?.close();
  await schema?.drop();
});

const cases: Array<[CustomerScope, ExpectedFilters]> = [
  [{ kind: 'all' }, {}],
  [{ kind: 'all' }, { ageMin: 30, ageMax: 50, product: 'credit_card' }],
  [{ kind: 'branch', branchId: 'B01' }, { city: 'Shanghai', minBalance: 100_000 }],
  [{ kind: 'portfolio', rmId: 'S0011' }, { churnRisk: 'low', segment: 2 }],
];

describe('portfolio statistics on PostgreSQL', () => {
  it.each(cases.map(([scope, f]) => [`${JSON.stringify(scope)} ${JSON.stringify(f)}`, scope, f] as const))('%s gives the figures computed from the tables', async (_name, scope, f) => {
    expect(bank.engine).toBe('postgres');
    const { product, segment, ...rest } = f;
    const figures = await new PortfolioRepository(bank.db).figures({
      scope,
      filters: { ...rest, segmentId: segment } as never,
      asOf: AS_OF,
      product: product as never,
      segmentation: { modelVersion: 'seg-new', segmentIds: [0, 1, 2] },
    });
    const expected = expectedFigures(facts, scope, f);
    expect(figures.customers).toBe(expected.customers);
    expect(typeof figures.customers).toBe('number');
    expect(figures.totalAssets).toBeCloseTo(expected.totalAssets, 2);
    expect(figures.productHolders).toBe(expected.productHolders);
    expect(figures.churnLevels).toEqual(expected.churnLevels);
    expect(figures.riskBands).toEqual(expected.riskBands);
    expect(figures.segments!.bySegment.map((s) => s.customers)).toEqual(expected.segments);
  });

  it('reads the newest segmentation with its sizes', async () => {
    const current = await new SegmentRepository(bank.db).current();
    expect(current!.modelVersion).toBe('seg-new');
    expect([...current!.assigned.values()].reduce((a, b) => a + b, 0)).toBe(facts.filter((c) => c.segment !== null).length);
  });
});

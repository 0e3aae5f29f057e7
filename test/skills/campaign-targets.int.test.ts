import type { BankDatabase } from '../../data/database';
import { CampaignRepository } from '../../data/repositories/campaign-repository';
import type { CustomerScope } from '../../data/scope';
import type { ProductCode } from '../../data/vocabulary';
import { buildCampaignList } from '../../skills/campaign-targets';
import type { CampaignTargetsInput } from '../../skills/campaign-targets/input';
import { AS_OF } from '../support/fixture-bank';
import { createTemporarySchema } from '../support/postgres';
import { expectedCampaignList, loadFacts, openCampaignBank, type Facts } from './campaign-targets-fixture';

let schema: Awaited<ReturnType<typeof createTemporarySchema>>;
let bank: BankDatabase;
let facts: Facts[];

beforeAll(async () => {
  schema = await createTemporarySchema();
  bank = await openCampaignBank({ databaseUrl: schema.url });
  facts = await loadFacts(bank);
});
afterAll(async () => {
  await bank?.close();
  await schema?.drop();
});

const cases: Array<[CustomerScope, CampaignTargetsInput & { product: ProductCode }]> = [
  [{ kind: 'all' }, { product: 'credit_card' }],
  [{ kind: 'all' }, { product: 'mortgage', minBalance: 150_000, excludeChurnRisk: ['high'], ageMin: 25 }],
  [{ kind: 'branch', branchId: 'B01' }, { product: 'wealth_management', city: 'Shanghai', segment: 1 }],
  [{ kind: 'portfolio', rmId: 'S0011' }, { product: 'personal_loan', churnRisk: 'low' }],
];

describe('campaign lists on PostgreSQL', () => {
  it.each(cases.map((c) => [JSON.stringify(c), ...c] as const))('%s matches the rules', async (_name, scope, input) => {
    const out = await buildCampaignList(new CampaignRepository(bank.db), scope, input, { asOf: AS_OF, language: 'en', maxRows: 1000 });
    if (out.kind !== 'list') throw new Error('expected a list');
    const expected = expectedCampaignList(facts, scope, input);
    expect(out.list.rows.map((r) => r.customerId)).toEqual(expected.ids);
    expect(out.list.eligible).toBe(expected.eligible);
    expect(out.list.exclusions).toEqual(expected.counts);
  });
});

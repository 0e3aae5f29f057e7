import type { BankDatabase } from '../../data/database';
import { CampaignRepository } from '../../data/repositories/campaign-repository';
import { withModelTables } from '../../models/registry/tables';
import { buildCampaignList } from '../../skills/campaign-targets';
import { ON_DEMAND_REASONS, reasonText, type StoredReason } from '../../skills/campaign-targets/list';
import { AS_OF } from '../support/fixture-bank';
import { openCampaignBank } from './campaign-targets-fixture';

// Batch scoring stores propensity reasons only for the head of each product's scores; rows stored
// with '[]' are explained when a list shows them.
let bank: BankDatabase;
beforeAll(async () => {
  bank = await openCampaignBank();
});
afterAll(async () => {
  await bank.close();
});

async function blankReasons(ids: string[]): Promise<void> {
  await withModelTables(bank.db).updateTable('product_propensity').set({ reasons: '[]' }).where('product', '=', 'credit_card').where('customer_id', 'in', ids).execute();
}

describe('campaign list reasons for rows stored without them', () => {
  it('explains the rows without stored reasons and keeps the stored ones', async () => {
    const repo = new CampaignRepository(bank.db);
    const first = await buildCampaignList(repo, { kind: 'all' }, { product: 'credit_card' }, { asOf: AS_OF, language: 'en', maxRows: 6 });
    if (first.kind !== 'list') throw new Error('expected a list');
    const ids = first.list.rows.map((r) => r.customerId);
    const stored = first.list.rows.map((r) => r.reason);
    await blankReasons(ids.slice(3));

    const asked: string[] = [];
    const explain = async (customerId: string, product: string): Promise<StoredReason[] | null> => {
      asked.push(`${customerId}/${product}`);
      return customerId === ids[5] ? [] : [{ contribution: 0.4, text_en: `Explained ${customerId}`, text_zh: `解释 ${customerId}` }];
    };
    const out = await buildCampaignList(repo, { kind: 'all' }, { product: 'credit_card' }, { asOf: AS_OF, language: 'en', maxRows: 6, explainReasons: explain });
    if (out.kind !== 'list') throw new Error('expected a list');
    expect(out.list.rows.map((r) => r.customerId)).toEqual(ids);
    expect(asked).toEqual(ids.slice(3).map((id) => `${id}/credit_card`));
    expect(out.list.rows.map((r) => r.reason)).toEqual([...stored.slice(0, 3), `Explained ${ids[3]}`, `Explained ${ids[4]}`, 'High model score']);

    // Without an explainer (CSV exports) the fallback sentence stands in.
    const plain = await buildCampaignList(repo, { kind: 'all' }, { product: 'credit_card' }, { asOf: AS_OF, language: 'zh', maxRows: 6 });
    if (plain.kind !== 'list') throw new Error('expected a list');
    expect(plain.list.rows[4].reason).toBe('模型评分较高');
  });

  it('explains at most ON_DEMAND_REASONS rows of one list', async () => {
    const repo = new CampaignRepository(bank.db);
    const rows = ON_DEMAND_REASONS + 10;
    const first = await buildCampaignList(repo, { kind: 'all' }, { product: 'credit_card' }, { asOf: AS_OF, language: 'en', maxRows: rows });
    if (first.kind !== 'list') throw new Error('expected a list');
    expect(first.list.rows).toHaveLength(rows);
    await blankReasons(first.list.rows.map((r) => r.customerId));
    let calls = 0;
    const out = await buildCampaignList(repo, { kind: 'all' }, { product: 'credit_card' }, {
      asOf: AS_OF, language: 'en', maxRows: rows,
      explainReasons: async () => {
        calls++;
        return [{ contribution: 0.1, text_en: 'Explained', text_zh: '解释' }];
      },
    });
    if (out.kind !== 'list') throw new Error('expected a list');
    expect(calls).toBe(ON_DEMAND_REASONS);
    expect(out.list.rows.filter((r) => r.reason === 'Explained')).toHaveLength(ON_DEMAND_REASONS);
    expect(out.list.rows[rows - 1].reason).toBe('High model score');
  });
});

describe('reason sentences of a list row', () => {
  it('writes the sentence of a stored reason code in the reader\'s language', () => {
    const stored = JSON.stringify([
      { feature: 'tenure_months', value: 8, contribution: -0.2 },
      { feature: 'txn_count_90d', value: 8, contribution: 0.5116 },
    ]);
    expect(reasonText(stored, 'en')).toBe('8 transactions in the last 90 days');
    expect(reasonText(stored, 'zh')).toBe('近90天交易8笔');
    expect(reasonText(JSON.stringify([{ feature: 'transfer_out_3m', value: 8377.36, contribution: 0.03 }]), 'en')).toBe('Transferred out CNY 8,377 in the last 3 months');
  });

  it('keeps the sentences of rows that carry them and falls back when the code is unknown', () => {
    const old = JSON.stringify([{ feature: 'txn_count_90d', value: 8, contribution: 0.5, text_en: 'Stored sentence', text_zh: '已存句子' }]);
    expect(reasonText(old, 'zh')).toBe('已存句子');
    expect(reasonText(JSON.stringify([{ feature: 'no_such_feature', value: 1, contribution: 0.5 }]), 'en')).toBe('High model score');
    expect(reasonText('not json', 'zh')).toBe('模型评分较高');
  });
});

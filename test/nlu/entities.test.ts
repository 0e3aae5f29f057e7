import { entitiesSchema, type Entities } from '../../skills/contracts';
import { extractEntities } from '../../bot/nlu/extract';
import { normalizeMessage } from '../../bot/nlu/normalize';

function extract(text: string): Entities {
  const m = normalizeMessage(text);
  return extractEntities(m.text, m.lower).entities;
}

describe('entity extraction', () => {
  const table: [string, Entities][] = [
    // customer ids
    ['tell me about c123', { customerId: 'C000123' }],
    ['who is C000123', { customerId: 'C000123' }],
    ['客户123的信用分', { customerId: 'C000123' }],
    ['profile of customer 123', { customerId: 'C000123' }],
    ['customer #45 please', { customerId: 'C000045' }],
    ['查询客户号123456的信息', { customerId: 'C123456' }],
    // amounts
    ['customers with balance over 200k', { minBalance: 200_000 }],
    ['balance above 1.2m', { minBalance: 1_200_000 }],
    ['资产50万以上', { minBalance: 500_000 }],
    ['资产1.5亿以上', { minBalance: 150_000_000 }],
    ['balance at least 50,000', { minBalance: 50_000 }],
    ['存款两百万以上的客户', { minBalance: 2_000_000 }],
    ['balance above 80000', { minBalance: 80_000 }],
    // list sizes
    ['top 25 for credit card', { limit: 25, product: 'credit_card' }],
    ['信用卡营销前30个客户', { limit: 30, product: 'credit_card' }],
    ['give me 50 customers', { limit: 50 }],
    ['经营贷 前 20 名', { limit: 20, product: 'sme_loan' }],
    ['前十名', { limit: 10 }],
    ['top 50 instead', { limit: 50 }],
    // ages
    ['aged 25 to 40', { ageMin: 25, ageMax: 40 }],
    ['30到50岁的客户', { ageMin: 30, ageMax: 50 }],
    ['under 35', { ageMax: 34 }],
    ['35 or younger', { ageMax: 35 }],
    ['35岁以下', { ageMax: 35 }],
    ['不到35岁', { ageMax: 34 }],
    ['over 30', { ageMin: 31 }],
    ['30 or older', { ageMin: 30 }],
    ['40岁以上', { ageMin: 40 }],
    ['in their 30s', { ageMin: 30, ageMax: 39 }],
    ['between 22 and 30', { ageMin: 22, ageMax: 30 }],
    // time windows
    ['last 30 days', { days: 30 }],
    ['近90天', { days: 90 }],
    ['this quarter', { days: 90 }],
    ['past quarter', { days: 90 }],
    ['本季度', { days: 90 }],
    ['this week', { days: 7 }],
    ['本周', { days: 7 }],
    ['this month', { days: 30 }],
    ['过去半年', { days: 180 }],
    ['last year', { days: 365 }],
    ['最近3个月', { days: 90 }],
    // risk levels
    ['high churn customers', { churnRisk: 'high' }],
    ['medium churn risk', { churnRisk: 'medium' }],
    ['low attrition', { churnRisk: 'low' }],
    ['高流失客户', { churnRisk: 'high' }],
    ['中等流失风险', { churnRisk: 'medium' }],
    ['低流失', { churnRisk: 'low' }],
    ['band D customers', { creditRiskBand: 'D' }],
    ['我的客户里D类有多少', { creditRiskBand: 'D' }],
    ['评级为E', { creditRiskBand: 'E' }],
    // cities
    ['customers in xian', { city: "Xi'an" }],
    ["customers in Xi'an", { city: "Xi'an" }],
    ['customers in Xi\u2019an', { city: "Xi'an" }],
    ['西安的客户', { city: "Xi'an" }],
    ['SHANGHAI', { city: 'Shanghai' }],
    ['苏州的客户', { city: 'Suzhou' }],
    ['重庆', { city: 'Chongqing' }],
    // products
    ['理财', { product: 'wealth_management' }],
    ['wealth management', { product: 'wealth_management' }],
    ['WM campaign', { product: 'wealth_management' }],
    ['房贷', { product: 'mortgage' }],
    ['按揭', { product: 'mortgage' }],
    ['home loans', { product: 'mortgage' }],
    ['信用卡', { product: 'credit_card' }],
    ['credit cards', { product: 'credit_card' }],
    ['定期', { product: 'term_deposit' }],
    ['定存', { product: 'term_deposit' }],
    ['fixed deposit', { product: 'term_deposit' }],
    ['个贷', { product: 'personal_loan' }],
    ['消费贷', { product: 'personal_loan' }],
    ['personal loan', { product: 'personal_loan' }],
    ['小微', { product: 'sme_loan' }],
    ['经营贷', { product: 'sme_loan' }],
    ['SME loans', { product: 'sme_loan' }],
    ['跨境汇款', { product: 'fx_remittance' }],
    ['汇款', { product: 'fx_remittance' }],
    ['remittance', { product: 'fx_remittance' }],
    ['FX', { product: 'fx_remittance' }],
    // names, as written
    ['王伟的客户画像', { customerName: '王伟' }],
    ['查一下张秀英', { customerName: '张秀英' }],
    ['tell me about Wang Wei', { customerName: 'Wang Wei' }],
    ['profile for wang wei', { customerName: 'wang wei' }],
    ['欧阳娜娜的流失风险', { customerName: '欧阳娜娜' }],
    // words that must not become names, amounts or ages
    ['苏州高流失客户', { city: 'Suzhou', churnRisk: 'high' }],
    ['房贷营销名单', { product: 'mortgage' }],
    ['高净值客户有多少', {}],
    ['C000123 over the last 30 days', { customerId: 'C000123', days: 30 }],
    ['客户50个', { limit: 50 }],
    ["what's 2+2", {}],
    ['周末愉快', {}],
    ['谢谢', {}],
    ['张总的客户画像', {}],
    ['王女士的资料', {}],
    ['C0001234', {}],
    // a full request
    [
      'give me 50 customers to pitch mortgages to in Shanghai, aged 25 to 40, balance over 200k, low churn',
      { limit: 50, product: 'mortgage', city: 'Shanghai', ageMin: 25, ageMax: 40, minBalance: 200_000, churnRisk: 'low' },
    ],
    ['<at>Bank Copilot</at> 上海 理财 前20名 50万以上 30到50岁', { city: 'Shanghai', product: 'wealth_management', limit: 20, minBalance: 500_000, ageMin: 30, ageMax: 50 }],
  ];

  test.each(table)('%s', (text, expected) => {
    const got = extract(text);
    expect(got).toEqual(expected);
    expect(entitiesSchema.safeParse(got).success).toBe(true);
  });

  test('full-width characters from Chinese input methods are folded', () => {
    expect(extract('ｃ１２３的信用分')).toEqual({ customerId: 'C000123' });
    expect(extract('客户１２３')).toEqual({ customerId: 'C000123' });
  });

  test('text and lower must be aligned', () => {
    expect(() => extractEntities('ab', 'a')).toThrow(/same length/);
  });
});

/**
 * The bank's fixed vocabulary: cities, products and staff roles. These names are part of the
 * public contract (DESIGN.md) — the generator, the recognizer and the skills all use them.
 */

export interface City {
  /** Canonical English name, the form stored in `customers.city`. */
  readonly name: string;
  /** What Chinese-speaking staff type. */
  readonly nameZh: string;
}

export const CITIES: readonly City[] = [
  { name: 'Beijing', nameZh: '北京' },
  { name: 'Shanghai', nameZh: '上海' },
  { name: 'Guangzhou', nameZh: '广州' },
  { name: 'Shenzhen', nameZh: '深圳' },
  { name: 'Hangzhou', nameZh: '杭州' },
  { name: 'Chengdu', nameZh: '成都' },
  { name: 'Wuhan', nameZh: '武汉' },
  { name: 'Nanjing', nameZh: '南京' },
  { name: "Xi'an", nameZh: '西安' },
  { name: 'Chongqing', nameZh: '重庆' },
  { name: 'Suzhou', nameZh: '苏州' },
  { name: 'Tianjin', nameZh: '天津' },
];

export const CITY_NAMES = CITIES.map((c) => c.name) as readonly string[];

export const PRODUCT_CODES = [
  'credit_card',
  'personal_loan',
  'mortgage',
  'wealth_management',
  'term_deposit',
  'sme_loan',
  'fx_remittance',
] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

export interface ProductInfo {
  readonly code: ProductCode;
  readonly nameEn: string;
  readonly nameZh: string;
  /** Credit products are excluded from campaigns for customers in risk bands D–E. */
  readonly isCredit: boolean;
  /** Whether the product carries a balance that counts as an asset (deposits, investments). */
  readonly isAsset: boolean;
}

export const PRODUCTS: Readonly<Record<ProductCode, ProductInfo>> = {
  credit_card: { code: 'credit_card', nameEn: 'Credit card', nameZh: '信用卡', isCredit: true, isAsset: false },
  personal_loan: { code: 'personal_loan', nameEn: 'Personal loan', nameZh: '个人贷款', isCredit: true, isAsset: false },
  mortgage: { code: 'mortgage', nameEn: 'Mortgage', nameZh: '住房按揭', isCredit: true, isAsset: false },
  wealth_management: { code: 'wealth_management', nameEn: 'Wealth management', nameZh: '理财', isCredit: false, isAsset: true },
  term_deposit: { code: 'term_deposit', nameEn: 'Term deposit', nameZh: '定期存款', isCredit: false, isAsset: true },
  sme_loan: { code: 'sme_loan', nameEn: 'SME loan', nameZh: '小微企业贷款', isCredit: true, isAsset: false },
  fx_remittance: { code: 'fx_remittance', nameEn: 'Cross-border remittance', nameZh: '跨境汇款', isCredit: false, isAsset: false },
};

export const ROLES = ['relationship_manager', 'branch_manager', 'risk_officer', 'marketing', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CHURN_LEVELS = ['high', 'medium', 'low'] as const;
export type ChurnLevel = (typeof CHURN_LEVELS)[number];

export const RISK_BANDS = ['A', 'B', 'C', 'D', 'E'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

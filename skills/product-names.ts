import { PRODUCTS, type ProductCode } from '../data/vocabulary';
import type { Language } from './contracts';

const EVERYDAY: Record<string, { en: string; zh: string }> = {
  current_account: { en: 'Current account', zh: '活期账户' },
  savings_account: { en: 'Savings account', zh: '储蓄账户' },
};

/** Display name of any product code held in `accounts.product`. */
export function productName(code: string, lang: Language): string {
  const p = PRODUCTS[code as ProductCode];
  if (p) return lang === 'zh' ? p.nameZh : p.nameEn;
  const e = EVERYDAY[code];
  if (e) return lang === 'zh' ? e.zh : e.en;
  return code;
}

/** Products whose balance is money the customer holds with the bank (counts toward total assets). */
export function isAssetProduct(code: string): boolean {
  return code in EVERYDAY || PRODUCTS[code as ProductCode]?.isAsset === true;
}

export function isCreditProduct(code: string): boolean {
  return PRODUCTS[code as ProductCode]?.isCredit === true;
}

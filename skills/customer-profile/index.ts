import { withCustomer } from '../common-answers';
import { entitiesSchema } from '../contracts';
import { ageAt } from '../i18n';
import { isAssetProduct, isCreditProduct } from '../product-names';
import { maskEmail, maskIdNumber, maskPhone } from '../pii';
import { defineSkill } from '../skill';
import { renderProfile } from './card';

export const customerProfileInput = entitiesSchema.pick({ customerId: true, customerName: true });

/** The structured 360 view; contact details are already masked. */
export interface CustomerProfileResult {
  [key: string]: unknown;
  customerId: string;
  name: string;
  namePinyin: string;
  gender: string;
  age: number;
  city: string;
  branch: { id: string; name: string | null; nameZh: string | null };
  relationshipManager: { id: string; name: string | null };
  contact: { phone: string; email: string; idNumber: string };
  marketingConsent: boolean;
  doNotContact: boolean;
  customerSince: string;
  products: Array<{ product: string; status: string; balance: number; creditLimit: number | null; openedDate: string }>;
  totalAssets: number;
  totalLiabilities: number;
  activity: {
    windowDays: number;
    transactions: number;
    moneyIn: number;
    moneyOut: number;
    crossBorderCount: number;
    crossBorderTotal: number;
    crossBorderCountries: string[];
    topChannel: string | null;
    lastTransactionAt: string | null;
  };
  lastContact: { campaign: string; product: string; date: string; channel: string; outcome: string } | null;
  openComplaints: Array<{ id: string; date: string; category: string }>;
  asOf: string;
}

export const customerProfileSkill = defineSkill({
  name: 'customer_profile',
  description: "A customer's 360 view: who they are (contact details masked), relationship manager, products and balances, total assets, recent activity including cross-border, last contact and open complaints.",
  input: customerProfileInput,
  permission: 'customer',
  run: (input, ctx) =>
    withCustomer(input, ctx, async (customer) => {
      const asOf = ctx.services.asOf;
      const data = await ctx.services.customers.profile(customer.id, asOf, 90);
      if (!data) throw new Error(`customer ${customer.id} disappeared while building the profile`);
      const active = data.accounts.filter((a) => a.status === 'active');
      const result: CustomerProfileResult = {
        customerId: customer.id,
        name: customer.name,
        namePinyin: customer.name_pinyin,
        gender: customer.gender,
        age: ageAt(customer.birth_date, asOf),
        city: customer.city,
        branch: { id: customer.branch_id, name: data.branchName, nameZh: data.branchNameZh },
        relationshipManager: { id: customer.rm_id, name: data.rmName },
        contact: { phone: maskPhone(customer.phone), email: maskEmail(customer.email), idNumber: maskIdNumber(customer.id_number) },
        marketingConsent: customer.marketing_consent === 1,
        doNotContact: customer.do_not_contact === 1,
        customerSince: customer.joined_date,
        products: data.accounts.map((a) => ({
          product: a.product,
          status: a.status,
          balance: round2(a.balance),
          creditLimit: a.credit_limit,
          openedDate: a.opened_date,
        })),
        totalAssets: round2(active.filter((a) => isAssetProduct(a.product)).reduce((s, a) => s + a.balance, 0)),
        totalLiabilities: round2(active.filter((a) => isCreditProduct(a.product)).reduce((s, a) => s + a.balance, 0)),
        activity: {
          windowDays: data.activity.windowDays,
          transactions: data.activity.transactions,
          moneyIn: round2(data.activity.creditTotal),
          moneyOut: round2(data.activity.debitTotal),
          crossBorderCount: data.activity.crossBorderCount,
          crossBorderTotal: round2(data.activity.crossBorderTotal),
          crossBorderCountries: data.activity.crossBorderCountries,
          topChannel: data.activity.topChannel,
          lastTransactionAt: data.activity.lastTransactionAt,
        },
        lastContact: data.lastContact
          ? {
              campaign: data.lastContact.campaignName,
              product: data.lastContact.product,
              date: data.lastContact.contactedAt.slice(0, 10),
              channel: data.lastContact.channel,
              outcome: data.lastContact.outcome,
            }
          : null,
        openComplaints: data.openComplaints.map((c) => ({ id: c.id, date: c.ts.slice(0, 10), category: c.category })),
        asOf,
      };
      const { card, text } = renderProfile(result, ctx.language);
      return { outcome: 'answered', result, card, text };
    }),
});

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

import type { ProductCode } from '../../data/vocabulary';

/**
 * Stable names for the policy sections that skills cite. Skills refer to a key, never to a
 * section number, so a renumbered handbook needs a change here only. A test checks that every
 * entry exists in both language versions of the handbook.
 */
export const CITATIONS = {
  creditBandPolicy: { docId: 'credit-policy', section: '2.1' },
  bandApprovalRules: { docId: 'credit-policy', section: '2.2' },
  debtToIncomeLimits: { docId: 'credit-policy', section: '3.1' },
  approvalAuthority: { docId: 'credit-policy', section: '3.2' },
  collateralLtv: { docId: 'credit-policy', section: '4.1' },
  creditOverrides: { docId: 'credit-policy', section: '4.2' },
  modelRiskGovernance: { docId: 'credit-policy', section: '5.1' },
  modelMonitoring: { docId: 'credit-policy', section: '5.2' },

  marketingConsentRules: { docId: 'marketing-consent', section: '2.1' },
  optOut: { docId: 'marketing-consent', section: '2.2' },
  doNotContact: { docId: 'marketing-consent', section: '2.3' },
  contactFrequency: { docId: 'marketing-consent', section: '3.1' },
  campaignTargetRules: { docId: 'marketing-consent', section: '3.2' },
  dataSubjectRights: { docId: 'marketing-consent', section: '4.1' },
  marketingProfiling: { docId: 'marketing-consent', section: '4.2' },

  transactionFlagged: { docId: 'aml-policy', section: '3.1' },
  suspiciousTransactionProcedure: { docId: 'aml-policy', section: '3.2' },
  noTippingOff: { docId: 'aml-policy', section: '3.3' },
  largeValueReporting: { docId: 'aml-policy', section: '4.1' },
  suspiciousTransactionReporting: { docId: 'aml-policy', section: '4.2' },

  dataClassification: { docId: 'data-privacy', section: '2.1' },
  dataRetentionPeriods: { docId: 'data-privacy', section: '2.2' },
  dataMasking: { docId: 'data-privacy', section: '3.1' },
  roleBasedAccess: { docId: 'data-privacy', section: '3.2' },
  dataExports: { docId: 'data-privacy', section: '3.3' },

  retentionPlaybook: { docId: 'retention-playbook', section: '1.1' },
  retentionLowEngagement: { docId: 'retention-playbook', section: '2.1' },
  retentionFallingBalances: { docId: 'retention-playbook', section: '2.2' },
  retentionComplaints: { docId: 'retention-playbook', section: '2.3' },
  retentionCompetitorRates: { docId: 'retention-playbook', section: '2.4' },
  retentionFees: { docId: 'retention-playbook', section: '2.5' },
  retentionLifeEvents: { docId: 'retention-playbook', section: '2.6' },
  retentionOfferLimits: { docId: 'retention-playbook', section: '3.1' },

  productCatalogue: { docId: 'product-catalogue', section: '1.1' },
  productCreditCard: { docId: 'product-catalogue', section: '2.1' },
  productPersonalLoan: { docId: 'product-catalogue', section: '2.2' },
  productMortgage: { docId: 'product-catalogue', section: '2.3' },
  productWealthManagement: { docId: 'product-catalogue', section: '2.4' },
  productTermDeposit: { docId: 'product-catalogue', section: '2.5' },
  productSmeLoan: { docId: 'product-catalogue', section: '2.6' },
  productFxRemittance: { docId: 'product-catalogue', section: '2.7' },

  complaintsHandling: { docId: 'complaints-handling', section: '2.1' },
  complaintsEscalation: { docId: 'complaints-handling', section: '2.2' },
  complaintsRegulator: { docId: 'complaints-handling', section: '2.3' },
  complaintsRedress: { docId: 'complaints-handling', section: '3.1' },
} as const satisfies Record<string, { docId: string; section: string }>;

export type CitationKey = keyof typeof CITATIONS;

/** The product-eligibility section for each product code of the shared vocabulary. */
export const PRODUCT_CITATIONS = {
  credit_card: 'productCreditCard',
  personal_loan: 'productPersonalLoan',
  mortgage: 'productMortgage',
  wealth_management: 'productWealthManagement',
  term_deposit: 'productTermDeposit',
  sme_loan: 'productSmeLoan',
  fx_remittance: 'productFxRemittance',
} as const satisfies Record<ProductCode, CitationKey>;

import { formatCitation } from '../../models/retrieval';
import { card, paragraph } from '../cards';
import { t } from '../i18n';
import { defineSkill, type SkillAnswer, type SkillContext } from '../skill';
import { renderCampaignList, renderProductQuestion } from './card';
import { campaignFollowUp } from './follow-up';
import { campaignTargetsInput, DEFAULT_LIMIT, EXPORT_MAX, SCREEN_MAX } from './input';
import { buildCampaignList, type CampaignExclusions } from './list';

export { campaignTargetsInput, type CampaignTargetsInput } from './input';
export { buildCampaignList, type CampaignList, type CampaignRow } from './list';
export type { CampaignServices, ExportLink, ExportLinkIssuer } from './services';

/** The trace result (DESIGN.md "Turn trace"): the same object the card was rendered from, in short. */
export interface CampaignTargetsResult {
  [key: string]: unknown;
  product: string;
  filters: Record<string, unknown>;
  /** Customers who pass the filters and every contact rule. */
  total: number;
  eligible: number;
  rows: Array<{ customerId: string; score: number; reason: string }>;
  exclusions: CampaignExclusions;
  modelVersion: string | null;
  asOf: string;
  exportUrl?: string;
}

export const campaignTargetsSkill = defineSkill({
  name: 'campaign_targets',
  description:
    'A campaign target list for one product: the customers most likely to take it up within your scope, ranked by propensity score with the reason each is on the list, filtered by age, city, total assets, segment, churn risk or credit band; consent, do-not-contact, recent contact, existing holders and (for credit) risk bands D–E are excluded and counted; with a signed CSV export link.',
  input: campaignTargetsInput,
  permission: 'campaign',
  followUp: campaignFollowUp,
  run: async (input, ctx) => {
    const lang = ctx.language;
    if (!input.product) return askProduct(ctx);
    const scope = ctx.access.scope;
    if (!scope) throw new Error('campaign_targets ran without a customer scope');
    const product = input.product;
    const screenRows = Math.min(input.limit ?? DEFAULT_LIMIT, SCREEN_MAX);
    const outcome = await buildCampaignList(ctx.services.campaigns.repository, scope, { ...input, product }, {
      asOf: ctx.services.asOf,
      language: lang,
      maxRows: screenRows,
      explainReasons: async (customerId, p) => (await ctx.services.models.explain(customerId))?.propensity.find((e) => e.product === p)?.reasons ?? null,
    });
    if (outcome.kind === 'unknown_segment') {
      const text = t(lang, `There is no segment "${outcome.segment}". Ask "what segments are there?" to see them.`, `没有名为"${outcome.segment}"的客群。可以问"有哪些客群?"查看。`);
      return { outcome: 'not_found', result: { product, segment: outcome.segment }, card: card([paragraph(text, { color: 'Warning' })]), text };
    }
    const list = outcome.list;
    ctx.access.recordTouched(list.rows.map((r) => r.customerId));
    const { export: _asked, ...linkInput } = input;
    void _asked;
    const exportLink = list.total > 0 ? ctx.services.campaigns.exportLinks?.issue(ctx.principal.staffId, linkInput, lang) : undefined;
    const citations = (['marketingConsentRules', 'contactFrequency'] as const).map((key) => formatCitation(ctx.services.policy.cite(key, lang)));
    const { card: listCard, text } = renderCampaignList(list, {
      scope,
      citations,
      exportLink,
      exportRequested: input.export === true,
      exportRows: Math.min(input.limit ?? EXPORT_MAX, EXPORT_MAX, list.total),
    }, lang);
    const result: CampaignTargetsResult = {
      product,
      filters: { ...list.filters },
      total: list.total,
      eligible: list.eligible,
      rows: list.rows.map((r) => ({ customerId: r.customerId, score: r.score, reason: r.reason })),
      exclusions: list.exclusions,
      modelVersion: list.modelVersion,
      asOf: list.asOf,
      ...(exportLink ? { exportUrl: exportLink.url } : {}),
    };
    return { outcome: 'answered', result, card: listCard, text };
  },
});

function askProduct(ctx: SkillContext): SkillAnswer {
  const q = renderProductQuestion(ctx.language);
  return {
    outcome: 'clarify',
    result: { missing: 'product', choices: q.choices.map((c) => ({ product: c.product, label: c.label })) },
    card: q.card,
    text: q.text,
    clarification: { missing: 'product', choices: q.choices.map((c) => ({ label: c.label, entities: { product: c.product } })) },
  };
}

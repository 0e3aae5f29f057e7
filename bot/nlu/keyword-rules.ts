import type { Intent } from '../../skills/contracts';

/**
 * High-precision phrases that settle the intent where the statistical model is weakest (very
 * short messages with little evidence). A rule lifts its intent to the top with at least the
 * given confidence; everything else is left to the classifier.
 */
const RULES: readonly { re: RegExp; intent: Intent; confidence: number }[] = [
  { re: /^(?:help|\?|帮助|菜单|menu|使用说明|使用帮助)[!！?？.。]*$/, intent: 'help', confidence: 0.95 },
  { re: /\bmodel\s+card\b|模型卡/, intent: 'model_info', confidence: 0.9 },
];

export function applyKeywordRules(
  masked: string,
  ranked: readonly { intent: Intent; score: number }[],
): { intent: Intent; score: number }[] {
  const rule = RULES.find((r) => r.re.test(masked.trim()));
  if (!rule) return [...ranked];
  const lifted = { intent: rule.intent, score: Math.max(rule.confidence, ranked.find((r) => r.intent === rule.intent)?.score ?? 0) };
  return [lifted, ...ranked.filter((r) => r.intent !== rule.intent)];
}

import type { BankBotDeps, Explainer } from '../../bot/bank-bot';
import type { Recognizer } from '../../bot/recognizer';
import type { BankDatabase } from '../../data/database';
import type { PolicyAnswerer } from '../../skills/policy-qa';
import { createTestBot } from '../support/test-bot';

/**
 * The standard test bot (test/support/test-bot.ts) with the LLM path's optional parts added: the
 * explanation step and the grounded policy answerer. createTestBot does not take them as options
 * yet, so they are set on the bot's dependencies before the first turn.
 */
export async function createLlmTestBot(
  bank: BankDatabase,
  options: { recognizer?: Recognizer; explain?: Explainer; policyAnswerer?: PolicyAnswerer } = {},
) {
  const testBot = await createTestBot(bank, options.recognizer ? { recognizer: options.recognizer } : {});
  const deps = (testBot.bot as unknown as { deps: { -readonly [K in keyof BankBotDeps]: BankBotDeps[K] } }).deps;
  if (options.explain) deps.explain = options.explain;
  if (options.policyAnswerer) deps.services = { ...deps.services, features: { ...deps.services.features, llm: true }, policyAnswerer: options.policyAnswerer } as BankBotDeps['services'];
  return testBot;
}

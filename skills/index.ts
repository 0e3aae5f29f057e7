import { campaignTargetsSkill } from './campaign-targets';
import { churnRiskSkill } from './churn-risk';
import { creditRiskSkill } from './credit-risk';
import { customerProfileSkill } from './customer-profile';
import { helpSkill } from './help';
import { policyQaSkill } from './policy-qa';
import { SkillRegistry } from './registry';
import { transactionAnomaliesSkill } from './transaction-anomalies';
import type { Skill } from './skill';

/** Every skill the bot offers. */
export function createSkillRegistry(): SkillRegistry {
  return new SkillRegistry([helpSkill, customerProfileSkill, policyQaSkill, creditRiskSkill, churnRiskSkill, transactionAnomaliesSkill, campaignTargetsSkill] as Skill[]);
}

export { SkillRegistry } from './registry';

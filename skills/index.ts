import { campaignTargetsSkill } from './campaign-targets';
import { churnRiskSkill } from './churn-risk';
import { creditRiskSkill } from './credit-risk';
import { customerProfileSkill } from './customer-profile';
import { customerSegmentSkill } from './customer-segment';
import { helpSkill } from './help';
import { modelInfoSkill } from './model-info';
import { policyQaSkill } from './policy-qa';
import { portfolioStatsSkill } from './portfolio-stats';
import { SkillRegistry } from './registry';
import { segmentOverviewSkill } from './segment-overview';
import { transactionAnomaliesSkill } from './transaction-anomalies';
import type { Skill } from './skill';

/** Every skill the bot offers. */
export function createSkillRegistry(): SkillRegistry {
  return new SkillRegistry([helpSkill, customerProfileSkill, policyQaSkill, creditRiskSkill, churnRiskSkill, transactionAnomaliesSkill, modelInfoSkill, customerSegmentSkill, campaignTargetsSkill, portfolioStatsSkill, segmentOverviewSkill] as Skill[]);
}

export { SkillRegistry } from './registry';

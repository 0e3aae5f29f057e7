import { customerProfileSkill } from './customer-profile';
import { helpSkill } from './help';
import { SkillRegistry } from './registry';
import type { Skill } from './skill';

/** Every skill the bot offers. */
export function createSkillRegistry(): SkillRegistry {
  return new SkillRegistry([helpSkill, customerProfileSkill] as Skill[]);
}

export { SkillRegistry } from './registry';

import type { StructuredToolParams } from '@langchain/core/tools';
import type { Skill } from '../../skills/skill';

/**
 * The skills as tool definitions for the model: name, description and the skill's own zod input
 * schema (LangChain turns it into JSON Schema), so the tool the model sees cannot drift from what
 * the skill accepts. Definitions only, with nothing executable: the bot runs the chosen skill itself,
 * after its identity and scope checks.
 */
export function skillTools(skills: readonly Skill[]): StructuredToolParams[] {
  return skills.map((s) => ({ name: s.name, description: s.description, schema: s.input }));
}

import type { Intent } from './contracts';
import type { Skill } from './skill';

/** The skills the bot can run, by intent name. Registering a name twice is a programming error. */
export class SkillRegistry {
  private readonly byName = new Map<string, Skill>();

  constructor(skills: readonly Skill[] = []) {
    for (const s of skills) this.register(s);
  }

  register(skill: Skill): void {
    if (this.byName.has(skill.name)) throw new Error(`Skill "${skill.name}" is registered twice`);
    this.byName.set(skill.name, skill);
  }

  get(intent: Intent): Skill | undefined {
    return this.byName.get(intent);
  }

  all(): Skill[] {
    return [...this.byName.values()];
  }
}

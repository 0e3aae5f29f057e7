import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';

/** The LLM prompts, kept as Markdown files under `prompts/` so they are reviewed like policy text, not code. */
export interface LlmPrompts {
  /** Routing a staff message to one skill (prompts/system.md). */
  system: string;
  /** Explaining a skill's result in plain words (prompts/explain.md). */
  explain: string;
  /** Answering a policy question from retrieved passages (prompts/policy-answer.md). */
  policyAnswer: string;
}

const FILES: Record<keyof LlmPrompts, string> = { system: 'system.md', explain: 'explain.md', policyAnswer: 'policy-answer.md' };

/** Reads the prompts once at start-up; a missing or empty file stops the start with its path. */
export function loadLlmPrompts(dir: string = path.join(REPO_ROOT, 'prompts')): LlmPrompts {
  const read = (name: string): string => {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`LLM prompt ${file} cannot be read: restore it from the repository (prompts/${name})`, { cause: err });
    }
    if (text.trim() === '') throw new Error(`LLM prompt ${file} is empty: restore it from the repository (prompts/${name})`);
    return text.trim();
  };
  return { system: read(FILES.system), explain: read(FILES.explain), policyAnswer: read(FILES.policyAnswer) };
}

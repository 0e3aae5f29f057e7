import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS, entitiesSchema, type Entities, type Intent } from '../../skills/contracts';

/** One labelled utterance of the NLU corpus (one JSON object per line). */
export interface LabelledUtterance {
  readonly text: string;
  readonly intent: Intent;
  readonly entities: Entities;
}

const utteranceSchema = z.object({
  text: z.string().min(1),
  intent: z.enum(INTENTS),
  entities: entitiesSchema.strict(),
});

/**
 * `train` fits the model; `heldout` measures it and is never used for fitting or tuning;
 * `challenge` is a later, harder set of paraphrases written after the model was built, kept to
 * show how the recognizer does on phrasing it has not been shaped around.
 */
export type CorpusSplit = 'train' | 'heldout' | 'challenge';

/** Where the committed corpus lives. `heldout` is for evaluation only, never for fitting. */
export function corpusPath(split: CorpusSplit): string {
  return join(__dirname, 'corpus', `${split}.jsonl`);
}

/** Parses JSONL text; a bad line fails with its line number and what is wrong. */
export function parseCorpus(jsonl: string, source = 'corpus'): LabelledUtterance[] {
  const out: LabelledUtterance[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new Error(`${source}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const parsed = utteranceSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${source}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    out.push(parsed.data);
  });
  return out;
}

export function loadCorpus(split: CorpusSplit): LabelledUtterance[] {
  const path = corpusPath(split);
  return parseCorpus(readFileSync(path, 'utf8'), path);
}

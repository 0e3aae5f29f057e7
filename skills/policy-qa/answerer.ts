import type { PolicyPassage } from '../../models/retrieval';
import type { Language } from '../contracts';

/**
 * Writes a short answer to a policy question from the retrieved passages only (the LLM path).
 * It cites every statement as `[docId §section]`, says so when the passages do not answer the
 * question, and resolves to `undefined` when no grounded answer could be produced (time-out, error,
 * an answer citing a section it was not given); the skill then answers with the quotes alone.
 * It never throws for a model failure.
 */
export type PolicyAnswerer = (question: string, passages: readonly PolicyPassage[], language: Language) => Promise<string | undefined>;

/**
 * Integrity and compatibility checks of stored artifacts: the sha256 of the artifact text must match,
 * the artifact must pass its own format's validation, and its inputs must be features this code can
 * compute. Anything else is refused with a message saying what is wrong and what to do.
 */
import { createHash } from 'node:crypto';
import { deserialiseGbdt } from '../gbdt';
import { deserializeScorecard } from '../scorecard';
import { isKnownFeature } from '../features/catalogue';
import type { LoadedModel, ModelRecord } from './types';

/** Raised when a registry version cannot be used; the message names the model and version. */
export class ModelArtifactError extends Error {
  readonly code = 'MODEL_ARTIFACT_INVALID';
  constructor(readonly model: string, readonly version: number, reason: string) {
    super(`Model ${model} version ${version} was refused: ${reason}`);
    this.name = 'ModelArtifactError';
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Parses and checks a stored artifact against its record; throws {@link ModelArtifactError}. */
export function loadArtifact(record: ModelRecord, artifact: string): LoadedModel {
  const refuse = (reason: string): never => {
    throw new ModelArtifactError(record.name, record.version, reason);
  };
  const actual = sha256Hex(artifact);
  if (actual !== record.sha256) {
    refuse(`checksum mismatch (stored ${record.sha256.slice(0, 12)}…, artifact ${actual.slice(0, 12)}…): the artifact was changed or damaged after training; retrain with npm run train`);
  }
  const unknown = record.features.filter((f) => !isKnownFeature(f));
  if (unknown.length > 0) refuse(`it uses features this version cannot compute (${unknown.join(', ')}); retrain with npm run train`);
  try {
    if (record.kind === 'scorecard') {
      const card = deserializeScorecard(artifact);
      const missing = card.characteristics.map((c) => c.binning.name).filter((n) => !record.features.includes(n));
      if (missing.length > 0) refuse(`scorecard characteristics ${missing.join(', ')} are not in its feature list`);
      return { kind: 'scorecard', record, card };
    }
    const model = deserialiseGbdt(artifact);
    if (model.nFeatures !== record.features.length) {
      refuse(`the tree model expects ${model.nFeatures} inputs but the record lists ${record.features.length} features`);
    }
    return { kind: 'gbdt', record, model };
  } catch (err) {
    if (err instanceof ModelArtifactError) throw err;
    return refuse(err instanceof Error ? err.message : String(err));
  }
}

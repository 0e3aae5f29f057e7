import type { Embeddings } from '@langchain/core/embeddings';
import { AzureOpenAIEmbeddings, OpenAIEmbeddings } from '@langchain/openai';
import { z } from 'zod';
import { LocalHashEmbeddings } from './local-embeddings';

/**
 * Which embedding the policy index uses. `local` (the default) runs offline and is fitted on
 * the handbook; `openai` covers OpenAI and any OpenAI-compatible server (set `baseUrl`);
 * `azure` covers Azure OpenAI deployments.
 */
export const embeddingConfigSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('local'),
    dimension: z.number().int().min(64).max(65536).optional(),
  }),
  z.object({
    provider: z.literal('openai'),
    apiKey: z.string().min(1, 'apiKey is required for the openai embedding provider'),
    baseUrl: z.url().optional(),
    model: z.string().min(1),
    dimensions: z.number().int().positive().optional(),
  }),
  z.object({
    provider: z.literal('azure'),
    apiKey: z.string().min(1, 'apiKey is required for the azure embedding provider'),
    /** e.g. https://my-resource.openai.azure.com/ (or give instanceName instead). */
    endpoint: z.url().optional(),
    instanceName: z.string().min(1).optional(),
    deploymentName: z.string().min(1),
    apiVersion: z.string().min(1).default('2024-10-21'),
  }),
]);
export type EmbeddingConfig = z.input<typeof embeddingConfigSchema>;

/**
 * Builds the configured embedding. Constructing a remote client does not call the network;
 * requests happen only when texts are embedded.
 */
export function createEmbeddings(config: EmbeddingConfig = { provider: 'local' }): Embeddings {
  const parsed = embeddingConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new Error(`Invalid embedding config (${issues}). Use { provider: 'local' } to run offline.`);
  }
  const c = parsed.data;
  switch (c.provider) {
    case 'local':
      return new LocalHashEmbeddings(c.dimension ? { dimension: c.dimension } : {});
    case 'openai':
      // Few retries and a bounded wait: an unreachable provider must not hold up start-up or a turn.
      return new OpenAIEmbeddings({
        maxRetries: 1,
        timeout: 10_000,
        apiKey: c.apiKey,
        model: c.model,
        dimensions: c.dimensions,
        configuration: c.baseUrl ? { baseURL: c.baseUrl } : undefined,
      });
    case 'azure':
      if (!c.endpoint && !c.instanceName) {
        throw new Error('Invalid embedding config: azure needs endpoint (https://<resource>.openai.azure.com/) or instanceName');
      }
      return new AzureOpenAIEmbeddings({
        maxRetries: 1,
        timeout: 10_000,
        azureOpenAIApiKey: c.apiKey,
        azureOpenAIEndpoint: c.endpoint,
        azureOpenAIApiInstanceName: c.instanceName,
        azureOpenAIApiDeploymentName: c.deploymentName,
        azureOpenAIApiVersion: c.apiVersion,
      });
  }
}

/** An embedding that can describe itself for index fingerprints (the local one does). */
interface Fingerprinted {
  fingerprint(): string;
}

function hasFingerprint(e: object): e is Fingerprinted {
  return typeof (e as Partial<Fingerprinted>).fingerprint === 'function';
}

/**
 * A stable description of an embedding: what must match for a stored index to be reused.
 * Never includes secrets.
 */
export function describeEmbeddings(embeddings: Embeddings): string {
  if (hasFingerprint(embeddings)) return embeddings.fingerprint();
  const e = embeddings as Embeddings & { model?: unknown; dimensions?: unknown; azureOpenAIApiDeploymentName?: unknown };
  const parts = [embeddings.constructor.name];
  if (typeof e.model === 'string') parts.push(`model=${e.model}`);
  if (typeof e.azureOpenAIApiDeploymentName === 'string') parts.push(`deployment=${e.azureOpenAIApiDeploymentName}`);
  if (typeof e.dimensions === 'number') parts.push(`dim=${e.dimensions}`);
  return parts.join(':');
}

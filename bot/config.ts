import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { EmbeddingConfig } from '../models/retrieval';

/** Where the repository lives: `var/` and the policy handbook are resolved against it. */
export const REPO_ROOT = path.resolve(__dirname, '..');

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalText,
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/.+/, {
          message:
            'is not a postgres:// URL: set it like postgres://user:pass@host:5432/db or unset it to use the embedded SQLite',
        })
        .optional(),
    ),
    SQLITE_PATH: z.string().default('var/bank.db'),
    POLICY_INDEX_DIR: z.string().default('var/policy-index'),
    POLICY_EMBEDDINGS: z.enum(['local', 'openai', 'azure']).default('local'),
    OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
    AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME: optionalText,
    SEED_CUSTOMERS: z.coerce.number().int().min(100).max(5_000_000).default(10_000),
    SEED: z.coerce.number().int().min(0).default(42),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(262_144),
    MAX_MESSAGE_CHARS: z.coerce.number().int().min(50).max(20_000).default(2_000),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: optionalText.pipe(z.url({ message: 'must be a URL such as http://llm.internal:8000/v1' }).optional()),
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),
    AZURE_OPENAI_API_KEY: optionalText,
    AZURE_OPENAI_API_INSTANCE_NAME: optionalText,
    AZURE_OPENAI_API_DEPLOYMENT_NAME: optionalText,
    AZURE_OPENAI_API_VERSION: z.string().default('2024-10-21'),
    LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(6_000),
    REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, { message: 'must look like redis://host:6379' }).optional()),
    EXPORT_SIGNING_SECRET: optionalText.pipe(z.string().min(32, { message: 'must be at least 32 characters: generate one with `openssl rand -base64 48`' }).optional()),
    EXPORT_BASE_URL: optionalText.pipe(z.url({ message: 'must be the address staff open the bot at, such as https://copilot.bank.internal' }).optional()),
    PUBLIC_BASE_URL: optionalText.pipe(z.url({ message: 'must be the address Teams and browsers reach the bot at, such as https://copilot.bank.example' }).optional()),
  });

/** Rules that involve several keys; checked even when single keys are wrong, so every problem is listed at once. */
function crossKeyProblems(env: Record<string, string | undefined>): string[] {
  const set = (k: string) => Boolean(env[k]?.trim());
  const problems: string[] = [];
  const appType = env.MicrosoftAppType?.trim() || 'MultiTenant';
  if (set('MicrosoftAppId') && !set('MicrosoftAppPassword') && appType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set (the client secret of the Azure bot registration)');
  }
  if (appType === 'SingleTenant' && set('MicrosoftAppId') && !set('MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId is required for a SingleTenant bot: set it to your Microsoft Entra tenant id');
  }
  const azure = ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_API_INSTANCE_NAME', 'AZURE_OPENAI_API_DEPLOYMENT_NAME'];
  if (azure.some(set) && !azure.every(set)) {
    problems.push(`Azure OpenAI needs all of ${azure.join(', ')}; missing: ${azure.filter((k) => !set(k)).join(', ')}`);
  }
  const embeddings = env.POLICY_EMBEDDINGS?.trim();
  if (embeddings === 'openai' && !set('OPENAI_API_KEY')) problems.push('POLICY_EMBEDDINGS=openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)');
  if (embeddings === 'azure' && !(set('AZURE_OPENAI_API_KEY') && set('AZURE_OPENAI_API_INSTANCE_NAME') && set('AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME'))) {
    problems.push('POLICY_EMBEDDINGS=azure needs AZURE_OPENAI_API_KEY, AZURE_OPENAI_API_INSTANCE_NAME and AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME');
  }
  return problems;
}

export type LlmConfig =
  | { provider: 'openai'; apiKey: string; baseUrl?: string; model: string; timeoutMs: number }
  | {
      provider: 'azure';
      apiKey: string;
      instanceName: string;
      deploymentName: string;
      apiVersion: string;
      timeoutMs: number;
    };

/** The validated configuration; optional features are `undefined` when off. */
export interface Config {
  /** `publicBaseUrl`: where Teams and browsers reach the bot (absolute links in cards, e.g. chart images), no trailing slash. */
  server: { port: number; host: string; maxBodyBytes: number; maxMessageChars: number; publicBaseUrl: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  database: { url?: string; sqlitePath: string };
  /** The policy handbook (Markdown, versioned with the code) and where its vector index is kept. */
  policy: { handbookDir: string; indexDir: string; embeddings: EmbeddingConfig };
  seed: { customers: number; seed: number };
  /** Bot Framework registration. Absent in local development: no JWT check, staff may sign in by staff id. */
  botAuth?: { appId: string; appPassword?: string; appType: string; tenantId?: string };
  llm?: LlmConfig;
  redisUrl?: string;
  /**
   * Signed CSV export links. Without EXPORT_SIGNING_SECRET a random per-process secret is used
   * (`ephemeralSecret`), so links stop working when the bot restarts or on another instance.
   */
  exports: { signingSecret: string; ephemeralSecret: boolean; baseUrl?: string };
}

/** Which embedding the policy index uses: local by default, a hosted one only when asked for. */
function embeddingConfig(e: z.infer<typeof envSchema>): EmbeddingConfig {
  if (e.POLICY_EMBEDDINGS === 'openai' && e.OPENAI_API_KEY) {
    return { provider: 'openai', apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_EMBEDDING_MODEL };
  }
  if (e.POLICY_EMBEDDINGS === 'azure' && e.AZURE_OPENAI_API_KEY && e.AZURE_OPENAI_API_INSTANCE_NAME && e.AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME) {
    return {
      provider: 'azure',
      apiKey: e.AZURE_OPENAI_API_KEY,
      instanceName: e.AZURE_OPENAI_API_INSTANCE_NAME,
      deploymentName: e.AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME,
      apiVersion: e.AZURE_OPENAI_API_VERSION,
    };
  }
  return { provider: 'local' };
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Bank Copilot cannot start, the configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  }
}

/** Reads and validates the configuration once. Throws ConfigError listing every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`)),
    ...crossKeyProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const botAuth = e.MicrosoftAppId
    ? { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId }
    : undefined;
  let llm: LlmConfig | undefined;
  if (e.AZURE_OPENAI_API_KEY && e.AZURE_OPENAI_API_INSTANCE_NAME && e.AZURE_OPENAI_API_DEPLOYMENT_NAME) {
    llm = {
      provider: 'azure',
      apiKey: e.AZURE_OPENAI_API_KEY,
      instanceName: e.AZURE_OPENAI_API_INSTANCE_NAME,
      deploymentName: e.AZURE_OPENAI_API_DEPLOYMENT_NAME,
      apiVersion: e.AZURE_OPENAI_API_VERSION,
      timeoutMs: e.LLM_TIMEOUT_MS,
    };
  } else if (e.OPENAI_API_KEY) {
    llm = { provider: 'openai', apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.LLM_TIMEOUT_MS };
  }
  return {
    server: {
      port: e.PORT,
      // Without a Bot Framework registration there is no authentication, so listen on loopback only.
      host: e.HOST ?? (botAuth ? '0.0.0.0' : '127.0.0.1'),
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxMessageChars: e.MAX_MESSAGE_CHARS,
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    },
    logLevel: e.LOG_LEVEL,
    database: { url: e.DATABASE_URL, sqlitePath: path.resolve(REPO_ROOT, e.SQLITE_PATH) },
    policy: {
      handbookDir: path.join(REPO_ROOT, 'prompts', 'policy'),
      indexDir: path.resolve(REPO_ROOT, e.POLICY_INDEX_DIR),
      embeddings: embeddingConfig(e),
    },
    seed: { customers: e.SEED_CUSTOMERS, seed: e.SEED },
    botAuth,
    llm,
    redisUrl: e.REDIS_URL,
    exports: {
      signingSecret: e.EXPORT_SIGNING_SECRET ?? crypto.randomBytes(32).toString('base64url'),
      ephemeralSecret: !e.EXPORT_SIGNING_SECRET,
      baseUrl: e.EXPORT_BASE_URL,
    },
  };
}

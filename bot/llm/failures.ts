/** The model did not answer within the turn's time budget. */
export class LlmTimeoutError extends Error {
  readonly code = 'LLM_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`the LLM did not answer within ${timeoutMs} ms`);
    this.name = 'LlmTimeoutError';
  }
}

/** The model answered with something the bot cannot use (an unknown tool, arguments a skill rejects). */
export class LlmInvalidReplyError extends Error {
  readonly code = 'LLM_INVALID_REPLY';
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'LlmInvalidReplyError';
  }
}

/** The model failed moments ago, so this turn does not wait for it (see LlmCircuitBreaker). */
export class LlmUnavailableError extends Error {
  readonly code = 'LLM_UNAVAILABLE';
  constructor(readonly retryInMs: number) {
    super(`the LLM failed recently; not asking it again for ${Math.ceil(retryInMs / 1000)} s`);
    this.name = 'LlmUnavailableError';
  }
}

export type LlmFailureKind = 'timeout' | 'rate_limit' | 'invalid_reply' | 'unavailable' | 'error';

/** Why a model call failed, for the warning log and for operators reading it. */
export function classifyLlmFailure(err: unknown): LlmFailureKind {
  if (err instanceof LlmTimeoutError) return 'timeout';
  if (err instanceof LlmInvalidReplyError) return 'invalid_reply';
  if (err instanceof LlmUnavailableError) return 'unavailable';
  const e = err as { status?: unknown; name?: unknown; lc_error_code?: unknown; code?: unknown } | null;
  if (e && (e.status === 429 || e.name === 'RateLimitError' || e.lc_error_code === 'MODEL_RATE_LIMIT' || e.code === 'rate_limit_exceeded')) {
    return 'rate_limit';
  }
  return 'error';
}

/**
 * Runs `work` with an abort signal and rejects with LlmTimeoutError after `timeoutMs`. The signal is
 * aborted too, so an HTTP request to the model is cancelled rather than left running.
 */
export async function withTimeout<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (!(timeoutMs > 0)) throw new Error(`withTimeout: timeoutMs must be positive, got ${timeoutMs}`);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LlmTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops asking a model that just timed out, rate-limited or failed, for `cooldownMs`. Without it every
 * turn of an outage would wait the full time-out (twice: understanding and explanation) before the
 * built-in recognizer answers, and Teams gives a bot about 15 s. An unusable reply does not open it:
 * the model is up, it just could not handle that message.
 */
export class LlmCircuitBreaker {
  private openUntil = 0;

  constructor(
    private readonly cooldownMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const wait = this.openUntil - this.now();
    if (wait > 0) throw new LlmUnavailableError(wait);
    try {
      const result = await work();
      this.openUntil = 0;
      return result;
    } catch (err) {
      if (classifyLlmFailure(err) !== 'invalid_reply') this.openUntil = this.now() + this.cooldownMs;
      throw err;
    }
  }
}

/** Runs `work` through the breaker when there is one. */
export function guarded<T>(breaker: LlmCircuitBreaker | undefined, work: () => Promise<T>): Promise<T> {
  return breaker ? breaker.run(work) : work();
}

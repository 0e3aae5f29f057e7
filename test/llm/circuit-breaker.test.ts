import { fakeModel } from '@langchain/core/testing';
import { createBuiltInRecognizer } from '../../bot/built-in-recognizer';
import { createLlmRecognizer, LlmCircuitBreaker } from '../../bot/llm';
import { createSkillRegistry } from '../../skills';
import { capturingLogger } from './fake-chat-models';

describe('LLM circuit breaker', () => {
  it('skips the model for the cool-down after a failure, then asks it again', async () => {
    let now = 1_000_000;
    const breaker = new LlmCircuitBreaker(30_000, () => now);
    const rateLimited = Object.assign(new Error('429 Too Many Requests'), { status: 429 });
    const model = fakeModel().alwaysThrow(rateLimited);
    const { logger, lines } = capturingLogger();
    const recognizer = createLlmRecognizer({ model, fallback: createBuiltInRecognizer(), skills: createSkillRegistry(), timeoutMs: 5_000, logger, breaker });

    const first = await recognizer.recognize('tell me about C000001');
    expect(first).toMatchObject({ intent: 'customer_profile', recognizer: 'rules' });
    const callsAfterFirst = model.calls.length;
    expect(callsAfterFirst).toBeGreaterThanOrEqual(1);

    now += 10_000; // inside the cool-down: the model is not asked, the built-in recognizer answers at once
    const second = await recognizer.recognize('credit risk of C000001');
    expect(second).toMatchObject({ intent: 'credit_risk', recognizer: 'rules' });
    expect(model.calls.length).toBe(callsAfterFirst);
    expect(lines.at(-1)).toMatchObject({ level: 'warn', fields: expect.objectContaining({ reason: 'unavailable' }) });

    now += 25_000; // after the cool-down the model is tried again
    await recognizer.recognize('is C000001 likely to leave?');
    expect(model.calls.length).toBeGreaterThan(callsAfterFirst);
  });

  it('stays closed when the model answers', async () => {
    const breaker = new LlmCircuitBreaker(30_000);
    const model = fakeModel().respondWithTools([{ name: 'customer_profile', args: { customerId: 'C000001' } }]);
    const { logger } = capturingLogger();
    const recognizer = createLlmRecognizer({ model, fallback: createBuiltInRecognizer(), skills: createSkillRegistry(), timeoutMs: 20_000, logger, breaker });
    expect(await recognizer.recognize('tell me about C000001')).toMatchObject({ recognizer: 'llm', intent: 'customer_profile' });
    expect(await breaker.run(async () => 'ok')).toBe('ok');
  });
});

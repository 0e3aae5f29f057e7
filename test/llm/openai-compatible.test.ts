import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBuiltInRecognizer } from '../../bot/built-in-recognizer';
import { createLlmParts } from '../../bot/llm';
import { createSkillRegistry } from '../../skills';
import { capturingLogger } from './fake-chat-models';

/**
 * The real ChatOpenAI client against a small OpenAI-compatible server on a loopback port (what a
 * vLLM or Ollama deployment looks like to the bot): the request the bot sends, and the fallbacks.
 */
type Reply = { status: number; body: unknown } | 'hang';

let server: http.Server;
let baseUrl: string;
let replies: Reply[] = [];
const requests: Array<Record<string, any>> = [];
let closedEarly = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      requests.push({ path: req.url, auth: req.headers.authorization, ...JSON.parse(raw) });
      const reply = replies.shift() ?? { status: 500, body: { error: { message: 'no reply queued' } } };
      if (reply === 'hang') {
        res.on('close', () => (closedEarly += 1));
        return;
      }
      // Not chained: restify (loaded by other suites in the same worker) patches ServerResponse.writeHead
      // into a method that does not return the response.
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  replies = [];
  requests.length = 0;
});

function toolCallCompletion(name: string, args: Record<string, unknown>) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'local-model',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } }] },
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

// A generous budget: a loaded two-core CI machine can take seconds to build the first request.
function parts(timeoutMs = 20_000) {
  const { logger, lines } = capturingLogger();
  const llm = createLlmParts({
    llm: { provider: 'openai', apiKey: 'sk-test', baseUrl, model: 'local-model', timeoutMs },
    skills: createSkillRegistry(),
    fallback: createBuiltInRecognizer(),
    logger,
  });
  return { llm, lines };
}

describe('the LLM path over an OpenAI-compatible server', () => {
  it('sends the system prompt, the user message and the skills as JSON-schema tools, and reads the tool call back', async () => {
    replies.push({ status: 200, body: toolCallCompletion('customer_profile', { customerId: 'C000001' }) });
    const { llm } = parts();

    const understanding = await llm.recognizer.recognize('tell me about C000001');

    expect(understanding).toEqual({ intent: 'customer_profile', confidence: 1, entities: { customerId: 'C000001' }, language: 'en', recognizer: 'llm' });
    const sent = requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.auth).toBe('Bearer sk-test');
    expect(sent.model).toBe('local-model');
    expect(sent.temperature).toBe(0);
    expect(sent.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
    expect(sent.messages[1].content).toBe('tell me about C000001');
    const tools = sent.tools as Array<{ type: string; function: { name: string; parameters: any } }>;
    expect(tools.map((t) => t.function.name)).toEqual(createSkillRegistry().all().map((s) => s.name));
    const profile = tools.find((t) => t.function.name === 'customer_profile')!;
    expect(profile.function.parameters.properties.customerId).toMatchObject({ type: 'string', pattern: '^C\\d{6}$' });
  });

  it('uses the built-in recognizer when the server is rate limited', async () => {
    replies.push({ status: 429, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
    replies.push({ status: 429, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
    const { llm, lines } = parts();
    const understanding = await llm.recognizer.recognize('tell me about C000001');
    expect(understanding).toMatchObject({ intent: 'customer_profile', recognizer: 'rules' });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: 'rate_limit' }) }));
  });

  it('cancels a request that takes longer than the time budget and uses the built-in recognizer', async () => {
    replies.push('hang');
    const { llm, lines } = parts(300);
    const started = Date.now();
    const understanding = await llm.recognizer.recognize('tell me about C000001');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(understanding).toMatchObject({ intent: 'customer_profile', recognizer: 'rules' });
    expect(lines).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ reason: 'timeout' }) }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedEarly).toBe(1);
  });
});

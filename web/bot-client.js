/**
 * Talks to the bot the way the Bot Framework Emulator does: one activity per HTTP POST to
 * /api/messages with deliveryMode "expectReplies", so the bot's replies come back in the response
 * body as { activities: [...] } and no callback URL is needed.
 */

export const BOT_ACCOUNT = Object.freeze({ id: 'bank-copilot', name: 'Bank Copilot' });
export const MAX_MESSAGE_CHARS = 2000;
const TIMEOUT_MS = 60_000;

/** A failure the page shows as a line in the transcript; `message` is already written for people. */
export class ChatError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ChatError';
    this.status = status;
  }
}

/** RFC 4122 v4 id; falls back to getRandomValues where randomUUID is missing (plain http on a LAN address). */
export function newId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A Bot Framework activity from `user` ({ id, name }) in `conversationId`.
 * `fields` adds `text` (a typed message) or `value` (a card button's data), or overrides `type`.
 */
export function buildActivity(user, conversationId, fields) {
  if (!user || typeof user.id !== 'string' || user.id === '') throw new ChatError('Pick who you are signed in as first.');
  if (typeof conversationId !== 'string' || conversationId === '') throw new Error('buildActivity: conversationId is required');
  return {
    type: 'message',
    id: newId(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: location.origin,
    deliveryMode: 'expectReplies',
    from: { id: user.id, name: user.name ?? user.id },
    recipient: { ...BOT_ACCOUNT },
    conversation: { id: conversationId },
    locale: navigator.language || 'en-US',
    ...fields,
  };
}

/** Posts one activity; resolves with the bot's reply activities or throws a ChatError. */
export async function postActivity(activity) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch('/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(activity),
      signal: abort.signal,
    });
  } catch (err) {
    throw new ChatError(
      abort.signal.aborted
        ? `The bot did not answer within ${TIMEOUT_MS / 1000} seconds. Try again, or check the server log.`
        : `Could not reach the bot (${err instanceof Error ? err.message : String(err)}). Is the server running?`,
    );
  } finally {
    clearTimeout(timer);
  }
  const body = await response.text();
  if (!response.ok) {
    throw new ChatError(`The server answered ${response.status} ${response.statusText}: ${errorDetail(body)}`, response.status);
  }
  if (body.trim() === '') return [];
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ChatError(`The server sent a reply that is not JSON (HTTP ${response.status}).`, response.status);
  }
  if (!parsed || !Array.isArray(parsed.activities)) {
    throw new ChatError('The server reply has no "activities" list; is the bot running with deliveryMode expectReplies support?', response.status);
  }
  return parsed.activities;
}

function errorDetail(body) {
  try {
    const json = JSON.parse(body);
    const detail = json.error ?? json.message;
    if (typeof detail === 'string' && detail) return detail;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  const text = body.trim().slice(0, 300);
  return text || 'no details';
}

/** The reply activities split into what the transcript shows and the debugging traces. */
export function splitReplies(activities) {
  const messages = [];
  const traces = [];
  for (const a of activities) {
    if (!a || typeof a !== 'object') continue;
    if (a.type === 'message') messages.push(a);
    else if (a.type === 'trace' && a.name === 'BankCopilotTurn') traces.push(a);
  }
  return { messages, traces };
}

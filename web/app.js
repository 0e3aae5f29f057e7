/**
 * The local web chat page: pick a member of staff, chat with Bank Copilot, see its Adaptive Cards,
 * click their buttons, and (for demos) see how each turn was understood in the debug panel.
 * Bot text only ever reaches the DOM through textContent or the escaping Markdown renderer.
 */
import { buildActivity, ChatError, MAX_MESSAGE_CHARS, newId, postActivity, splitReplies } from './bot-client.js';
import { ADAPTIVE_CARD_TYPE, renderCard } from './cards.js';

const STORAGE_KEY = 'bankCopilot.staffId';
const ROLE_LABELS = {
  admin: 'admin',
  risk_officer: 'risk officer',
  marketing: 'marketing',
  branch_manager: 'branch manager',
  relationship_manager: 'relationship manager',
};
const ROLE_ORDER = ['admin', 'risk_officer', 'marketing', 'branch_manager', 'relationship_manager'];

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page is missing #${id}`);
  return el;
};
const ui = {
  picker: $('staff-picker'),
  identityNote: $('identity-note'),
  transcript: $('transcript'),
  composer: $('composer'),
  input: $('message'),
  send: $('send'),
  counter: $('counter'),
  suggestions: $('suggestions'),
  newConversation: $('new-conversation'),
  conversationLabel: $('conversation-label'),
  debugList: $('debug-list'),
  debugCount: $('debug-count'),
};

const state = {
  /** @type {Array<{id: string, name: string, role: string, branchId: string | null}>} */
  staff: [],
  /** @type {{id: string, name: string} | null} */
  user: null,
  conversationId: '',
  busy: false,
  /** Numbers each request; a request whose ticket is no longer current was overtaken by a new conversation. */
  ticket: 0,
  signInAvailable: false,
};

// ---------- transcript ----------

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function clock(date = new Date()) {
  const t = el('time', 'msg-time', date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  t.dateTime = date.toISOString();
  return t;
}

function append(item) {
  ui.transcript.append(item);
  // A card taller than the transcript is read from its top; anything shorter keeps the view at the bottom.
  const tall = item.offsetHeight > ui.transcript.clientHeight;
  item.scrollIntoView({ block: tall ? 'start' : 'end' });
  return item;
}

function addUserLine(text) {
  const item = el('li', 'msg user');
  const bubble = el('div', 'bubble');
  bubble.append(el('p', 'msg-text', text));
  item.append(bubble, clock());
  return append(item);
}

function addNotice(text, kind) {
  const item = el('li', `notice ${kind}`);
  item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  item.append(el('span', 'notice-text', text));
  return append(item);
}

function addError(text) {
  return addNotice(text, 'error');
}

function addBotMessage(activity) {
  const item = el('li', 'msg bot');
  item.append(el('div', 'avatar', 'BC'));
  const bubble = el('div', 'bubble');
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  const cards = (Array.isArray(activity.attachments) ? activity.attachments : []).filter(
    (a) => a && a.contentType === ADAPTIVE_CARD_TYPE && a.content && typeof a.content === 'object',
  );
  const others = (Array.isArray(activity.attachments) ? activity.attachments : []).filter((a) => a && a.contentType !== ADAPTIVE_CARD_TYPE);

  for (const attachment of cards) {
    const host = el('div', 'card-host');
    try {
      host.append(renderCard(attachment.content, onCardSubmit));
    } catch (err) {
      host.append(el('p', 'card-error', `This card could not be shown: ${err instanceof Error ? err.message : String(err)}`));
    }
    bubble.append(host);
  }
  if (text && cards.length > 0) {
    // The card carries the same answer; the plain-text version (what Teams uses for notifications)
    // stays one click away instead of repeating it.
    const details = el('details', 'text-version');
    details.append(el('summary', '', 'Text version'), el('p', 'msg-text', text));
    bubble.append(details);
  } else if (text) {
    bubble.prepend(el('p', 'msg-text', text));
  }
  for (const a of others) {
    bubble.append(el('p', 'card-error', `Attachment of type ${String(a.contentType)} is not shown on this page.`));
  }
  if (!text && cards.length === 0 && others.length === 0) bubble.append(el('p', 'msg-text muted', '(empty message)'));
  item.append(bubble, clock(activity.timestamp ? new Date(activity.timestamp) : new Date()));
  return append(item);
}

let typingItem = null;

function setBusy(busy) {
  state.busy = busy;
  ui.transcript.setAttribute('aria-busy', String(busy));
  ui.send.disabled = busy || !state.user;
  ui.send.textContent = busy ? 'Sending…' : 'Send';
  if (busy && !typingItem) {
    typingItem = el('li', 'msg bot typing');
    typingItem.append(el('div', 'avatar', 'BC'));
    const bubble = el('div', 'bubble');
    bubble.setAttribute('aria-label', 'Bank Copilot is working on it');
    bubble.append(el('span', 'dot'), el('span', 'dot'), el('span', 'dot'));
    typingItem.append(bubble);
    append(typingItem);
  } else if (!busy && typingItem) {
    typingItem.remove();
    typingItem = null;
  }
}

// ---------- debug panel ----------

function addTrace(trace, said) {
  const v = trace.value && typeof trace.value === 'object' ? trace.value : {};
  const item = el('li', 'debug-turn');
  item.append(el('div', 'debug-said', said));
  const summary = el('div', 'debug-summary');
  const outcome = el('span', `outcome outcome-${String(v.outcome ?? 'unknown')}`, String(v.outcome ?? 'unknown'));
  const confidence = typeof v.confidence === 'number' ? ` (${v.confidence.toFixed(2)})` : '';
  summary.append(
    el('code', 'debug-intent', `${String(v.intent ?? '?')}${confidence}`),
    outcome,
    el('span', 'debug-meta', `skill ${v.skill ?? '—'} · ${v.recognizer ?? '?'}`),
  );
  item.append(summary);
  const entities = v.entities && typeof v.entities === 'object' ? v.entities : {};
  item.append(el('pre', 'debug-entities', Object.keys(entities).length ? JSON.stringify(entities, null, 1) : 'no entities'));
  if (v.incidentId) item.append(el('div', 'debug-meta', `incident ${v.incidentId}`));
  if (v.result && typeof v.result === 'object') {
    const details = el('details', 'debug-result');
    details.append(el('summary', '', 'result'), el('pre', '', JSON.stringify(v.result, null, 1)));
    item.append(details);
  }
  ui.debugList.prepend(item);
  ui.debugCount.textContent = String(ui.debugList.children.length);
}

// ---------- sending ----------

/** Sends one activity and renders what comes back; every failure becomes a visible line. */
async function send(fields, shownAs) {
  if (state.busy) return false;
  if (!state.user) {
    addError(state.signInAvailable ? 'Pick who you are signed in as first.' : 'Sign-in comes from Microsoft Teams; this page cannot send messages here.');
    return false;
  }
  if (typeof fields.text === 'string' && fields.text.length > MAX_MESSAGE_CHARS) {
    addError(`That message is ${fields.text.length} characters long; the limit is ${MAX_MESSAGE_CHARS}.`);
    return false;
  }
  const ticket = ++state.ticket;
  if (shownAs) addUserLine(shownAs);
  setBusy(true);
  let replies;
  let failure;
  try {
    replies = await postActivity(buildActivity(state.user, state.conversationId, fields));
  } catch (err) {
    failure = err;
  }
  // A new conversation started while this one was in flight: its answer no longer belongs on screen.
  if (ticket !== state.ticket) return false;
  setBusy(false);
  if (failure !== undefined) {
    if (!(failure instanceof ChatError)) console.error(failure);
    addError(failure instanceof ChatError ? failure.message : `Something went wrong on this page: ${failure instanceof Error ? failure.message : String(failure)}`);
    return false;
  }
  const { messages, traces } = splitReplies(replies);
  for (const m of messages) addBotMessage(m);
  for (const t of traces) addTrace(t, shownAs ?? `(${fields.type ?? 'message'})`);
  return true;
}

function onCardSubmit(data, title) {
  if (state.busy) return;
  void send({ value: data }, title || 'Selected an option');
}

async function sendTyped() {
  const text = ui.input.value.trim();
  if (!text || state.busy) return;
  ui.input.value = '';
  updateCounter();
  const sent = await send({ text }, text);
  if (!sent && !ui.input.value) ui.input.value = text; // keep what was typed so it can be re-sent
  updateCounter();
  ui.input.focus();
}

function updateCounter() {
  const n = ui.input.value.length;
  ui.counter.textContent = `${n} / ${MAX_MESSAGE_CHARS}`;
  ui.counter.classList.toggle('near-limit', n > MAX_MESSAGE_CHARS * 0.9);
  ui.input.style.height = 'auto';
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 160)}px`;
}

// ---------- identity and conversation ----------

function describe(member) {
  return `${member.id} · ${member.name} · ${ROLE_LABELS[member.role] ?? member.role}`;
}

function remember(staffId) {
  try {
    localStorage.setItem(STORAGE_KEY, staffId);
  } catch (err) {
    // Storage can be off (private browsing); the choice then lasts for this page only.
    console.warn('Could not remember the signed-in staff member', err);
  }
}

function remembered() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function fillPicker(staff) {
  ui.picker.replaceChildren();
  const byRole = new Map();
  for (const s of staff) {
    if (!byRole.has(s.role)) byRole.set(s.role, []);
    byRole.get(s.role).push(s);
  }
  const roles = [...byRole.keys()].sort((a, b) => rank(a) - rank(b));
  for (const role of roles) {
    const group = document.createElement('optgroup');
    group.label = ROLE_LABELS[role] ?? role;
    for (const s of byRole.get(role)) {
      const option = el('option', '', describe(s));
      option.value = s.id;
      group.append(option);
    }
    ui.picker.append(group);
  }
  ui.picker.disabled = false;
}

function rank(role) {
  const i = ROLE_ORDER.indexOf(role);
  return i === -1 ? ROLE_ORDER.length : i;
}

function signIn(staffId) {
  const member = state.staff.find((s) => s.id === staffId);
  if (!member) return;
  state.user = { id: member.id, name: member.name };
  ui.picker.value = member.id;
  remember(member.id);
  startConversation();
}

/** A fresh conversation id (the bot's memory is per conversation) and an empty transcript. */
function startConversation() {
  state.ticket += 1;
  setBusy(false);
  state.conversationId = newId();
  ui.transcript.replaceChildren();
  ui.debugList.replaceChildren();
  ui.debugCount.textContent = '0';
  ui.conversationLabel.textContent = `Conversation ${state.conversationId.slice(0, 8)}`;
  if (!state.user) return;
  const member = state.staff.find((s) => s.id === state.user.id);
  addNotice(`Signed in as ${member ? describe(member) : state.user.id}.`, 'info');
  // Like Teams and the Emulator: tell the bot the user joined, so it can greet.
  void send({ type: 'conversationUpdate', membersAdded: [{ id: state.user.id, name: state.user.name }] });
}

async function loadStaff() {
  let response;
  try {
    response = await fetch('/api/dev/staff', { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new ChatError(`Could not reach the server for the staff list (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new ChatError(`The staff list failed: HTTP ${response.status} ${response.statusText}.`, response.status);
  const body = await response.json();
  if (!body || !Array.isArray(body.staff)) throw new ChatError('The staff list has an unexpected shape (no "staff" array).');
  return body.staff.filter((s) => s && typeof s.id === 'string' && typeof s.name === 'string');
}

function teamsOnly() {
  state.signInAvailable = false;
  ui.picker.hidden = true;
  ui.picker.labels.forEach((label) => (label.hidden = true));
  ui.identityNote.hidden = false;
  ui.identityNote.textContent = 'Sign-in comes from Microsoft Teams: this server has a Microsoft app id configured, so the local staff picker is off.';
  ui.input.disabled = true;
  ui.send.disabled = true;
  ui.suggestions.hidden = true;
  addNotice('This server authenticates through Microsoft Teams. Chat with Bank Copilot in Teams; the local page only works when no Microsoft app id is configured.', 'info');
}

async function init() {
  ui.input.maxLength = MAX_MESSAGE_CHARS;
  ui.composer.addEventListener('submit', (e) => {
    e.preventDefault();
    void sendTyped();
  });
  ui.input.addEventListener('keydown', (e) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME (Chinese input) candidate is not a send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void sendTyped();
    }
  });
  ui.input.addEventListener('input', updateCounter);
  ui.picker.addEventListener('change', () => signIn(ui.picker.value));
  ui.newConversation.addEventListener('click', () => startConversation());
  ui.suggestions.addEventListener('click', (e) => {
    const chip = e.target instanceof Element ? e.target.closest('[data-say]') : null;
    if (chip && !state.busy) void send({ text: chip.getAttribute('data-say') }, chip.getAttribute('data-say'));
  });
  updateCounter();
  setBusy(false);

  let staff;
  try {
    staff = await loadStaff();
  } catch (err) {
    ui.picker.replaceChildren(el('option', '', 'Staff list unavailable'));
    addError(`${err instanceof Error ? err.message : String(err)} Reload the page to try again.`);
    return;
  }
  if (staff === null) {
    teamsOnly();
    return;
  }
  if (staff.length === 0) {
    ui.picker.replaceChildren(el('option', '', 'No staff in the directory'));
    addError('The staff directory is empty: seed the bank first (npm run seed).');
    return;
  }
  state.staff = staff;
  state.signInAvailable = true;
  fillPicker(staff);
  const saved = remembered();
  signIn(staff.some((s) => s.id === saved) ? saved : staff[0].id);
}

init().catch((err) => {
  console.error(err);
  addError(`The chat page failed to start: ${err instanceof Error ? err.message : String(err)}`);
});

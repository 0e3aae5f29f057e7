import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '../../bot/config';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The web chat page in headless Chromium against the real app (restify, CloudAdapter, bot, seeded
 * SQLite bank) on an ephemeral port: sign-in picker, typed questions, Adaptive Cards, card buttons,
 * Chinese answers, PII masking, error lines and the turn debug panel.
 */

jest.setTimeout(180_000);

const SCREENSHOTS = path.join(REPO_ROOT, 'var', 'screenshots');
/** A mainland mobile number written out in full (11 digits starting 13–19), not part of a longer number. */
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const CUSTOMER = 'C000001';

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Script errors, console errors and CSP violations seen by the page; every test ends with none. */
let pageProblems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  app = await startTestApp({ customers: 600 });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

beforeEach(async () => {
  pageProblems = [];
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageProblems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageProblems.push(`console error: ${msg.text()}`);
  });
});

afterEach(async () => {
  await context?.close();
});

async function openPage(): Promise<void> {
  await page.goto(`${app.baseUrl}/`);
  await page.locator('#staff-picker:not([disabled])').waitFor();
}

async function signInAs(staffId: string): Promise<void> {
  await page.locator('#staff-picker').selectOption(staffId);
  // A new conversation starts with a sign-in line and the bot's greeting.
  await page.locator('#transcript .notice.info', { hasText: `Signed in as ${staffId}` }).waitFor();
  await page.locator('#transcript .msg.bot:not(.typing)').first().waitFor();
  await page.locator('#transcript[aria-busy="false"]').waitFor();
}

/** Types a message, presses Enter, and waits for the bot's answer to it; returns that answer's bubble. */
async function ask(text: string) {
  const before = await page.locator('#transcript .msg.bot').count();
  await page.locator('#message').fill(text);
  await page.locator('#message').press('Enter');
  await page.locator('#transcript .msg.user .msg-text', { hasText: text }).last().waitFor();
  const answer = page.locator('#transcript .msg.bot:not(.typing)').nth(before);
  await answer.waitFor();
  await page.locator('#transcript[aria-busy="false"]').waitFor();
  return answer;
}

async function pageText(): Promise<string> {
  // textContent, not innerText: collapsed "Text version" and debug details count too.
  return (await page.locator('body').textContent()) ?? '';
}

async function lastTraceOutcome(): Promise<string> {
  return (await page.locator('#debug-list .debug-turn').first().locator('.outcome').textContent()) ?? '';
}

async function one<T>(query: Promise<T[]>, what: string): Promise<T> {
  const rows = await query;
  if (rows.length === 0) throw new Error(`The seeded bank has no ${what}; the test needs one.`);
  return rows[0]!;
}

describe('web chat page', () => {
  test('a relationship manager asks about a customer, in English and in Chinese, and sees masked cards', async () => {
    const owner = await one(
      app.bank.db.selectFrom('customers').select(['rm_id', 'phone']).where('id', '=', CUSTOMER).execute(),
      `customer ${CUSTOMER}`,
    );
    expect(owner.rm_id).toMatch(/^S\d{4}$/);
    expect(owner.phone).toMatch(FULL_PHONE);

    await openPage();
    await signInAs(owner.rm_id);
    await expect(page.locator('#staff-picker option:checked').textContent()).resolves.toMatch(
      new RegExp(`^${owner.rm_id} · .+ · relationship manager$`),
    );

    const english = await ask(`tell me about ${CUSTOMER}`);
    const card = english.locator('.card-host .ac-adaptiveCard');
    await expect(card.count()).resolves.toBe(1);
    await expect(card.textContent()).resolves.toContain(CUSTOMER);
    await expect(card.textContent()).resolves.toMatch(/Customer profile/);
    expect(await lastTraceOutcome()).toBe('answered');

    const chinese = await ask(`${CUSTOMER} 的客户画像`);
    const chineseCard = chinese.locator('.card-host .ac-adaptiveCard');
    await expect(chineseCard.textContent()).resolves.toContain('客户画像');
    await expect(chineseCard.textContent()).resolves.toContain(CUSTOMER);

    const text = await pageText();
    expect(text).not.toContain(owner.phone);
    expect(text).not.toMatch(FULL_PHONE);

    // The choice is remembered across reloads.
    await page.reload();
    await page.locator('#staff-picker:not([disabled])').waitFor();
    await expect(page.locator('#staff-picker').inputValue()).resolves.toBe(owner.rm_id);

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await openPage();
    await ask(`tell me about ${CUSTOMER}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-page-profile.png') });
    expect(pageProblems).toEqual([]);
  });

  test('a name several customers share offers choice buttons; clicking one shows that profile', async () => {
    const duplicate = await one(
      app.bank.db
        .selectFrom('customers')
        .select('name')
        .groupBy('name')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .orderBy('name')
        .limit(1)
        .execute(),
      'two customers with the same name',
    );

    await openPage();
    await signInAs('S0001');
    const question = await ask(`tell me about ${duplicate.name}`);
    const buttons = question.locator('.card-host .ac-pushButton');
    await expect(buttons.count()).resolves.toBeGreaterThan(1);
    expect(await lastTraceOutcome()).toBe('clarify');

    const second = buttons.nth(1);
    const title = (await second.textContent()) ?? '';
    const chosenId = /C\d{6}/.exec(title)?.[0];
    expect(chosenId).toBeDefined();
    expect(title).toContain(duplicate.name);
    expect(title).not.toMatch(FULL_PHONE);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-page-choices.png') });

    const answersBefore = await page.locator('#transcript .msg.bot').count();
    await second.click();
    // The click shows up as the user's turn, then the profile of exactly that customer arrives.
    await page.locator('#transcript .msg.user .msg-text', { hasText: chosenId! }).waitFor();
    const profile = page.locator('#transcript .msg.bot:not(.typing)').nth(answersBefore);
    await profile.waitFor();
    await page.locator('#transcript[aria-busy="false"]').waitFor();
    await expect(profile.locator('.ac-adaptiveCard').textContent()).resolves.toContain(chosenId!);
    expect(await lastTraceOutcome()).toBe('answered');
    await expect(page.locator('#debug-list .debug-turn').first().locator('.debug-entities').textContent()).resolves.toContain(chosenId!);

    await page.locator('#debug-panel > summary').click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-page-debug.png') });
    expect(await pageText()).not.toMatch(FULL_PHONE);

    // On a phone the chat still fits: the input and send button stay on screen, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const selector of ['#message', '#send', '#staff-picker']) {
      const box = await page.locator(selector).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    }
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-page-mobile.png') });
    expect(pageProblems).toEqual([]);
  });

  test('server errors and network failures show as lines in the transcript; input stops at 2,000 characters', async () => {
    await openPage();
    await signInAs('S0001');

    await page.route('**/api/messages', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'Internal error' }) }),
    );
    await page.locator('#message').fill('help');
    await page.locator('#message').press('Enter');
    await expect(page.locator('#transcript .notice.error').last().textContent()).resolves.toMatch(/500.*Internal error/);
    // What was typed is kept so it can be sent again.
    await expect(page.locator('#message').inputValue()).resolves.toBe('help');

    await page.unroute('**/api/messages');
    await page.route('**/api/messages', (route) => route.abort('connectionrefused'));
    await page.locator('#message').press('Enter');
    await page.locator('#transcript .notice.error', { hasText: 'Could not reach the bot' }).waitFor();
    await page.unroute('**/api/messages');

    // The input takes at most 2,000 characters, and the counter warns near the limit.
    await page.locator('#message').fill('x'.repeat(2001));
    await expect(page.locator('#message').inputValue()).resolves.toHaveLength(2000);
    await expect(page.locator('#counter').textContent()).resolves.toBe('2000 / 2000');
    await expect(page.locator('#counter.near-limit').count()).resolves.toBe(1);

    // Failed page resources are logged by the browser as console errors; those were provoked here.
    expect(pageProblems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });

  test('shows a loading indicator while the bot works and re-enables sending afterwards', async () => {
    await openPage();
    await signInAs('S0001');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/messages', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#message').fill('help');
    await page.locator('#message').press('Enter');
    await page.locator('#transcript .msg.typing').waitFor();
    await expect(page.locator('#send').isDisabled()).resolves.toBe(true);
    release();
    await page.locator('#transcript .msg.typing').waitFor({ state: 'detached' });
    await expect(page.locator('#send').isDisabled()).resolves.toBe(false);
    await expect(page.locator('#transcript .msg.bot').count()).resolves.toBeGreaterThan(1);
    expect(pageProblems).toEqual([]);
  });

  test('bot text and card text are shown as text, never as HTML', async () => {
    await openPage();
    await signInAs('S0001');
    const hostile = '<img src=x id=injected-text onerror="document.title=\'pwned\'"> **bold** <script>1</script>';
    await page.route('**/api/messages', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          activities: [
            { type: 'message', text: hostile },
            {
              type: 'message',
              attachments: [
                {
                  contentType: 'application/vnd.microsoft.card.adaptive',
                  content: {
                    type: 'AdaptiveCard',
                    version: '1.5',
                    body: [{ type: 'TextBlock', text: '<img src=x id=injected-card> **Balance** [link](javascript:alert(1))', wrap: true }],
                  },
                },
              ],
            },
            { type: 'trace', name: 'BankCopilotTurn', value: { intent: 'help', outcome: 'answered', entities: {} } },
          ],
        }),
      }),
    );
    await page.locator('#message').fill('show me');
    await page.locator('#message').press('Enter');
    const cardText = page.locator('#transcript .ac-textBlock', { hasText: 'Balance' });
    await cardText.waitFor();
    await expect(page.locator('#transcript .msg-text', { hasText: '<img src=x id=injected-text' }).count()).resolves.toBe(1);
    await expect(page.locator('#injected-text, #injected-card, #transcript script, #transcript a[href^="javascript"]').count()).resolves.toBe(0);
    await expect(cardText.locator('strong').textContent()).resolves.toBe('Balance');
    await expect(page.title()).resolves.not.toBe('pwned');
    // The trace goes to the debug panel, not the transcript.
    await expect(page.locator('#debug-list .debug-turn').count()).resolves.toBe(1);
    expect(pageProblems).toEqual([]);
  });

  test('without a local staff directory the page hides the picker and says sign-in comes from Teams', async () => {
    await page.route('**/api/dev/staff', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: 'not found' }) }),
    );
    await page.goto(`${app.baseUrl}/`);
    await page.locator('#identity-note', { hasText: 'Microsoft Teams' }).waitFor();
    await expect(page.locator('#staff-picker').isVisible()).resolves.toBe(false);
    await expect(page.locator('#message').isDisabled()).resolves.toBe(true);
    expect(pageProblems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, openTracked, signIn, skipReason, startWorld, type E2eWorld } from './e2e-fixture.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)(hasChromium ? 'web dashboard in Chromium' : skipReason, () => {
  let world: E2eWorld;
  let browser: Browser;
  const requests: string[] = [];
  const pages: Page[] = [];
  const open = () => openTracked(browser, requests, pages);

  beforeAll(async () => {
    [world, browser] = await Promise.all([startWorld(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('refuses a wrong key with the problem the API gave, and signs in with the keyboard alone', async () => {
    const page = await open();
    await page.goto(world.url);
    await page.getByLabel('API key').fill('xyk_0000000000000000_nonsense');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/401 · XY_UNAUTHENTICATED/);
    expect(await alert.textContent()).toContain('a valid API key is required');
    // Keyboard (expressions run in the page, so they are strings here): the skip link comes first, then the language switch, then the key field.
    await page.reload();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('api-key');
    await page.keyboard.type(world.keys.admin);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').getByRole('link', { name: 'Subjects' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('xinyong.key')")).toBe(world.keys.admin);
  });

  it('finds a subject by name and by USCC, and opens its report with chart, relations and access log', async () => {
    const page = await open();
    await signIn(page, world.url, world.keys.admin);
    const search = page.getByLabel('Identity number, USCC, name (hanzi or pinyin) or subject id');
    await search.fill(world.org.name.slice(0, 4));
    await page.getByRole('button', { name: 'Search' }).click();
    const link = page.getByRole('table').getByRole('link', { name: world.org.name });
    await link.waitFor();
    await search.fill(world.org.uscc);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('table').getByRole('link', { name: world.org.name }).waitFor();
    const rows = await page.locator('table.results tbody tr').count();
    expect(rows).toBe(1);
    // The USCC itself is never shown to the operator: only its masked form.
    expect(await page.locator('table.results').textContent()).not.toContain(world.org.uscc);
    await page.getByRole('table').getByRole('link', { name: world.org.name }).click();
    await page.getByRole('heading', { level: 1, name: world.org.name }).waitFor();
    expect(Number(await page.getByTestId('score').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('grade').textContent()).toMatch(/^[A-Z]+$/);
    await page.locator('#history .uplot canvas').first().waitFor();
    expect(await page.locator('#records ol.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('#records').textContent()).toContain('Published until');
    expect(await page.locator('#relations svg.graph').getAttribute('aria-label')).toMatch(/legal_representative/);
    const log = await page.locator('#access-log').textContent();
    expect(log).toContain('subject.report');
    expect(log).toContain('operator_review');
    // Chinese labels at the press of a button; the choice survives a reload.
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.getByRole('heading', { name: '查阅记录' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '查阅记录' }).waitFor();
    await page.getByRole('button', { name: '切换语言' }).click();
  });

  it('answers a relying party with effect, measures, legal basis and remedy only, and shows it no report', async () => {
    const page = await open();
    await signIn(page, world.url, world.keys.relying);
    const nav = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(nav).toEqual(['Ask a decision']);
    await page.getByLabel('Subject (registry id, resident ID or USCC)').fill(world.org.uscc);
    await page.getByRole('button', { name: 'Decide' }).click();
    const effect = await page.getByTestId('effect').textContent();
    expect(['allow', 'deny', 'review', 'benefit']).toContain(effect);
    const decision = await page.locator('#decision').textContent();
    if (effect === 'deny') {
      expect(decision).toContain('Legal basis');
      expect(decision).toContain('Remedy');
    }
    expect(decision).not.toContain(world.org.name);
    expect(decision).not.toMatch(/Score|Records|Access log/);
    // The subject page is not offered, and the API refuses the report to this key.
    await page.goto(`${world.url}/#/subject/${world.org.id}`);
    await page.getByRole('heading', { name: 'Ask a decision' }).waitFor();
    expect(await page.getByTestId('score').count()).toBe(0);
    const status = await page.evaluate(async ([id, key]) => (await fetch(`/v1/subjects/${id}/report`, { headers: { authorization: `Bearer ${key}` } })).status, [world.org.id, world.keys.relying]);
    expect(status).toBe(403);
    // An action outside the key's grant is refused with the API's explanation.
    await page.getByLabel('Subject (registry id, resident ID or USCC)').fill('110105194912310021');
    await page.getByRole('button', { name: 'Decide' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('XY_ID_CHECKSUM');
  });

  it('lets a subject see its report and file an objection on its own record, with the deadline shown', async () => {
    const page = await open();
    await signIn(page, world.url, world.keys.subject);
    await page.getByRole('heading', { level: 1, name: world.person.name }).waitFor();
    expect(await page.locator('#records').textContent()).toContain(world.person.recordType);
    // Unmasked for the subject itself: its own identity number is shown in full.
    expect(await page.locator('.subject-head').textContent()).not.toContain('*');
    const record = page.getByLabel('Record').first();
    const option = await record.locator('option', { hasText: world.person.recordType }).first().getAttribute('value');
    await record.selectOption(option!);
    await page.getByLabel('Statement').fill('The debt was paid in full before this record was made.');
    await page.locator('#form-objection').getByRole('button', { name: 'Submit' }).click();
    const filed = await page.getByTestId('objection-filed').textContent();
    expect(filed).toMatch(/Objection filed; the furnisher must answer by \d{4}-\d{2}-\d{2} \(\d+ days left\)/);
    await page.locator('#objections td', { hasText: 'open' }).first().waitFor();
    expect(await page.locator('#deadlines').textContent()).toContain(world.person.recordType);
    // Filing twice is refused, and the refusal is the API's own.
    await page.getByLabel('Statement').fill('Again.');
    await page.locator('#form-objection').getByRole('button', { name: 'Submit' }).click();
    expect(await page.locator('#form-objection').getByRole('alert').textContent()).toContain('XY_OBJECTION_EXISTS');
  });

  it("shows the furnisher the objection in its queue, and the auditor the overview and policy but no search", async () => {
    const furnisher = await open();
    await signIn(furnisher, world.url, world.keys.furnisher);
    const queue = await furnisher.getByTestId('queue').textContent();
    expect(queue).toContain(world.person.recordType);
    expect(queue).toMatch(/days left/);
    const auditor = await open();
    await signIn(auditor, world.url, world.keys.auditor);
    expect(await auditor.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Overview', 'Policy']);
    expect(await auditor.getByTestId('subjects').textContent()).toBe(String(world.subjects));
    await auditor.locator('#grades table tr').first().waitFor();
    await auditor.getByRole('link', { name: 'Policy' }).click();
    expect(await auditor.getByTestId('policy-version').textContent()).toMatch(/^sha256:/);
    expect(await auditor.getByLabel('Candidate policy (YAML)').count()).toBe(0);
  });

  it('simulates a candidate policy for an admin and explains an invalid one', async () => {
    const page = await open();
    await signIn(page, world.url, world.keys.admin);
    await page.getByRole('link', { name: 'Policy' }).click();
    await page.getByRole('button', { name: 'Load the active version' }).click();
    await page.getByRole('button', { name: 'Simulate' }).click();
    expect(await page.getByTestId('grades-changed').textContent()).toBe('0');
    await page.getByLabel('Candidate policy (YAML)').fill('name: [');
    await page.getByRole('button', { name: 'Simulate' }).click();
    expect(await page.locator('#simulate').getByRole('alert').textContent()).toContain('not valid');
  });

  it('fetched nothing but its own origin', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !u.startsWith(world.url) && !u.startsWith('data:'))).toEqual([]);
  });
});

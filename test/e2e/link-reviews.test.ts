import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, LINK_CASE, loadLinkCase, openTracked, signIn, skipReason, startWorld, type E2eWorld } from './e2e-fixture.js';

/**
 * The identity-link review queue in the dashboard (issue 9): a court record that names a person only
 * by name waits for review; an admin links it in the browser, the consequences follow, the subject
 * page shows the link and unlinks it with a reason. Other roles are not offered the page.
 */
describe.skipIf(!hasChromium)(hasChromium ? 'link reviews in the web dashboard' : skipReason, () => {
  let world: E2eWorld;
  let browser: Browser;
  let subjectId: string;
  const requests: string[] = [];
  const pages: Page[] = [];
  const open = () => openTracked(browser, requests, pages);
  const effect = async () => {
    const r = await fetch(`${world.url}/v1/decisions`, {
      method: 'POST', headers: { authorization: `Bearer ${world.keys.relying}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: LINK_CASE.idNumber, action: 'air_travel.purchase', purpose: world.purpose }),
    });
    expect(r.status).toBe(200);
    return ((await r.json()) as { effect: string }).effect;
  };
  const masked = `${LINK_CASE.idNumber.slice(0, 4)}**********${LINK_CASE.idNumber.slice(-4)}`;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startWorld({ people: 20, orgs: 5 }), launch()]);
    ({ subjectId } = await loadLinkCase(world));
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('shows the review with both subjects and its comparisons; Link takes it out of the queue and the decision follows', async () => {
    expect(world.action).toBe('air_travel.purchase');
    expect(await effect()).toBe('allow');
    const page = await open();
    await signIn(page, world.url, world.keys.admin);
    await page.getByRole('navigation').getByRole('link', { name: 'Link reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Link reviews' }).waitFor();
    const item = page.getByTestId('review').filter({ hasText: LINK_CASE.courtRef });
    await item.waitFor();
    const text = (await item.textContent())!;
    expect(text).toContain('court.enforcement');
    expect(text).toMatch(/only the name agrees/);
    // Both sides by name; the candidate's number only masked, the provisional subject has none.
    expect(await item.locator('.side-name').allTextContents()).toEqual([LINK_CASE.name, LINK_CASE.name]);
    expect(await item.getByRole('region', { name: 'Candidate (on file)' }).textContent()).toContain(masked);
    expect(text).not.toContain(LINK_CASE.idNumber);
    // The waterfall: a row per comparison with its level and signed bits, and the total weight.
    const rows = item.locator('[data-testid="waterfall"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    const fields = await item.locator('[data-testid="waterfall"] tbody th').allTextContents();
    expect(fields).toEqual(expect.arrayContaining(['familyName']));
    for (const cell of await item.locator('[data-testid="waterfall"] tbody td.num').allTextContents()) expect(cell).toMatch(/^[+-]?\d+\.\d$/);
    expect(await item.getByTestId('total-weight').textContent()).toMatch(/^[+-]?\d+\.\d$/);
    expect(await item.locator('.wf-bar.pos').count()).toBeGreaterThan(0);
    // In Chinese too.
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.getByRole('heading', { level: 1, name: '身份关联复核' }).waitFor();
    expect(await item.getByRole('button', { name: '关联' }).count()).toBe(1);
    await page.getByRole('button', { name: '切换语言' }).click();

    // A second tab holds the same item; it will be decided there first.
    const stale = await open();
    await signIn(stale, world.url, world.keys.admin);
    await stale.goto(`${world.url}/#/links`);
    const staleItem = stale.getByTestId('review').filter({ hasText: LINK_CASE.courtRef });
    await staleItem.waitFor();

    await item.getByLabel('Note (optional)').fill('same court district, checked by phone');
    await item.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByTestId('decided').getByText(LINK_CASE.courtRef).waitFor();
    expect(await page.getByTestId('decided').textContent()).toMatch(/linked.*same court district/);
    expect(await page.getByTestId('review').filter({ hasText: LINK_CASE.courtRef }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Link reviews' }).waitFor();
    await page.locator('[data-testid="review-queue"], p.empty').first().waitFor();
    expect(await page.getByTestId('review').filter({ hasText: LINK_CASE.courtRef }).count()).toBe(0);

    // Deciding it again from the stale tab: the API's refusal, as problem+json.
    await staleItem.getByRole('button', { name: 'Reject' }).click();
    expect(await staleItem.getByRole('alert').textContent()).toContain('409 · XY_LINK_REVIEW_DECIDED');

    expect(await effect()).toBe('deny');
  });

  it("marks the linked record on the subject page, lists the link with its comparisons, and unlinks it with a reason", async () => {
    const page = await open();
    await signIn(page, world.url, world.keys.admin);
    await page.goto(`${world.url}/#/subject/${subjectId}`);
    await page.getByRole('heading', { level: 1, name: LINK_CASE.name }).waitFor();
    const record = page.locator('#records li', { hasText: LINK_CASE.courtRef });
    expect(await record.getByTestId('linked-marker').textContent()).toMatch(/^linked · [+-]?\d+\.\d bits$/);
    expect(await page.locator('#records [data-testid="linked-marker"]').count()).toBe(1);
    const panel = page.locator('#links');
    const link = panel.getByTestId('link');
    expect(await link.count()).toBe(1);
    const linkText = (await link.textContent())!;
    expect(linkText).toContain('into this subject');
    expect(linkText).toContain('active');
    expect(linkText).toContain(LINK_CASE.courtRef);
    expect(linkText).toContain('same court district');
    await link.locator('summary', { hasText: 'Comparisons' }).click();
    expect(await link.locator('[data-testid="waterfall"] tbody tr').count()).toBeGreaterThan(1);

    await link.getByRole('button', { name: 'Unlink' }).click();
    await link.getByLabel('Reason for unlinking').fill('a different 张伟明: other birth date at the court');
    await link.getByRole('button', { name: 'Confirm unlink' }).click();
    await page.locator('#links [data-testid="link"]', { hasText: 'unlinked' }).waitFor();
    expect(await page.locator('#records').textContent()).not.toContain(LINK_CASE.courtRef);
    expect(await page.locator('#records').textContent()).toContain(LINK_CASE.loanRef);
    expect(await page.locator('#links').textContent()).toContain('a different 张伟明');
    expect(await page.locator('#links').getByRole('button', { name: 'Unlink' }).count()).toBe(0);
    expect(await effect()).toBe('allow');
  });

  it('offers the page to admins only', async () => {
    for (const [key, nav] of [[world.keys.relying, ['Ask a decision']], [world.keys.furnisher, ['Objections']], [world.keys.auditor, ['Overview', 'Policy']]] as const) {
      const page = await open();
      await signIn(page, world.url, key);
      expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(nav);
      await page.goto(`${world.url}/#/links`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await page.getByRole('heading', { level: 1, name: 'Link reviews' }).count()).toBe(0);
    }
    const status = (await fetch(`${world.url}/v1/links/reviews`, { headers: { authorization: `Bearer ${world.keys.relying}` } })).status;
    expect(status).toBe(403);
  });

  it('fetched nothing but its own origin', () => {
    expect(requests.filter((u) => !u.startsWith(world.url) && !u.startsWith('data:'))).toEqual([]);
  });
});

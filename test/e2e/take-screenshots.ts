/**
 * `npm run screenshots`: the dashboard's main pages as PNGs in docs/screenshots/, from the demo
 * population served as `npm start` serves it, in the same Chromium the end-to-end tests drive.
 * `npm run screenshots -- 11 12` writes only the screenshots whose names start so (all steps still run).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/app/package-root.js';
import { hasChromium, launch, LINK_CASE, loadLinkCase, newPage, signIn, skipReason, startWorld } from './e2e-fixture.js';

async function main(): Promise<void> {
  if (!hasChromium) {
    process.stderr.write(`${skipReason}\n`);
    process.exitCode = 2;
    return;
  }
  const out = join(packageRoot(), 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  const world = await startWorld({ people: 300, orgs: 60 });
  const browser = await launch();
  const written: string[] = [];
  const only = process.argv.slice(2);
  const shot = async (page: Page, name: string, fullPage = true) => {
    if (only.length > 0 && !only.some((prefix) => name.startsWith(prefix))) return;
    await page.waitForTimeout(300);
    const path = join(out, `${name}.png`);
    await page.screenshot({ path, fullPage });
    written.push(path);
  };
  try {
    const admin = await newPage(browser);
    await admin.goto(world.url);
    await shot(admin, '01-sign-in', false);
    await signIn(admin, world.url, world.keys.admin);
    await admin.getByLabel('Identity number, USCC, name (hanzi or pinyin) or subject id').fill('zhang');
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.locator('table.results tbody tr').first().waitFor();
    await shot(admin, '02-search');
    await admin.goto(`${world.url}/#/subject/${world.org.id}`);
    await admin.locator('#history .uplot canvas').first().waitFor();
    await shot(admin, '03-subject-report');
    await admin.getByRole('button', { name: 'Switch language' }).click();
    await admin.getByRole('heading', { name: '查阅记录' }).waitFor();
    await shot(admin, '04-subject-report-zh');
    await admin.getByRole('button', { name: '切换语言' }).click();
    await admin.goto(`${world.url}/#/lists/dishonest_judgment_debtors`);
    await admin.locator('table tbody tr').first().waitFor();
    await shot(admin, '05-lists');
    await admin.goto(`${world.url}/#/overview`);
    await admin.locator('#by-source .uplot canvas').first().waitFor();
    await shot(admin, '06-overview');
    await admin.goto(`${world.url}/#/policy`);
    await admin.getByRole('button', { name: 'Load the active version' }).click();
    // A stricter candidate: grade A from 720 instead of 700.
    const candidate = admin.getByLabel('Candidate policy (YAML)');
    await candidate.fill((await candidate.inputValue()).replace('{ grade: A, min: 700 }', '{ grade: A, min: 720 }'));
    await admin.getByRole('button', { name: 'Simulate' }).click();
    await admin.getByTestId('simulation').waitFor({ timeout: 60_000 });
    await shot(admin, '07-policy-simulation');

    const relying = await newPage(browser);
    await signIn(relying, world.url, world.keys.relying);
    await relying.getByLabel('Subject (registry id, resident ID or USCC)').fill(world.org.uscc);
    await relying.getByRole('button', { name: 'Decide' }).click();
    await relying.getByTestId('effect').waitFor();
    await shot(relying, '08-relying-party-decision');

    const subject = await newPage(browser);
    await signIn(subject, world.url, world.keys.subject);
    await subject.getByLabel('Statement').fill('The fine was paid on the day it was imposed; the receipt is attached.');
    await subject.locator('#form-objection').getByRole('button', { name: 'Submit' }).click();
    await subject.getByTestId('objection-filed').waitFor();
    await shot(subject, '09-subject-portal');

    const furnisher = await newPage(browser);
    await signIn(furnisher, world.url, world.keys.furnisher);
    await furnisher.getByTestId('queue').waitFor();
    await shot(furnisher, '10-objections-queue');

    // Identity links: a court record naming 张伟明 by name only waits for review; linked, it shows on the subject page.
    const { subjectId } = await loadLinkCase(world);
    await admin.goto(`${world.url}/#/links`);
    const item = admin.getByTestId('review').filter({ hasText: LINK_CASE.courtRef });
    await item.waitFor();
    await item.getByLabel('Note (optional)').fill('same court district; birth date confirmed with the court');
    await shot(admin, '11-link-reviews');
    await item.getByRole('button', { name: 'Link', exact: true }).click();
    await admin.getByTestId('decided').getByText(LINK_CASE.courtRef).waitFor();
    await admin.goto(`${world.url}/#/subject/${subjectId}`);
    const link = admin.locator('#links [data-testid="link"]').first();
    await link.locator('summary').click();
    await link.getByRole('button', { name: 'Unlink' }).click();
    await link.getByLabel('Reason for unlinking').fill('a different 张伟明: the court gives another birth date');
    await link.locator('[data-testid="waterfall"]').waitFor();
    await shot(admin, '12-subject-links');
  } finally {
    await browser.close();
    await world.close();
  }
  for (const path of written) process.stdout.write(`${path}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});

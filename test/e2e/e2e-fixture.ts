import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApiKey } from '../../src/app/api-keys.js';
import { runDemo } from '../../src/app/demo/run-demo.js';
import { packageRoot } from '../../src/app/package-root.js';
import { activePolicy, openRegistry } from '../../src/app/registry.js';
import { startServer, type RunningServer } from '../../src/http/start-server.js';

/** Debian's Chromium, which `.ci/run` installs with apt; the end-to-end tests skip without it (XINYONG_CHROMIUM overrides the path). */
export const CHROMIUM = process.env.XINYONG_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const skipReason = `end-to-end tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`;

export interface E2eWorld {
  url: string;
  keys: { admin: string; auditor: string; relying: string; furnisher: string; subject: string };
  /** The demo's featured enterprise (a judgment debtor with a legal representative). */
  org: { id: string; uscc: string; name: string };
  /** A person with an adverse record of their own, whose key signs in to the portal. */
  person: { id: string; name: string; recordType: string; source: string };
  /** How many subjects the demo created. */
  subjects: number;
  /** The relying party's action and purpose. */
  action: string;
  purpose: string;
  close(): Promise<void>;
}

/** Build the dashboard into dist/web when it is not there (a test run without `npm run build`). */
export async function ensureWebBuilt(): Promise<void> {
  const root = packageRoot();
  if (existsSync(join(root, 'dist', 'web', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

/**
 * A demo population (small: the browser, not the registry, is under test) in a fresh SQLite store,
 * a key for each role, and `xinyong serve`'s server on a free port.
 */
export async function startWorld(options: { people?: number; orgs?: number } = {}): Promise<E2eWorld> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-e2e-'));
  const opts = { dbPath: join(dir, 'registry.db'), masterKey: Buffer.alloc(32, 7).toString('base64') };
  const registry = await openRegistry(opts, true);
  let server: RunningServer | undefined;
  try {
    const demo = await runDemo(registry, { people: options.people ?? 40, orgs: options.orgs ?? 10, seed: 2014, ifEmpty: false });
    const { policy } = await activePolicy(registry);
    const org = await (await import('../../src/app/resolve-subject.js')).resolveSubject(registry, demo.featured!);
    const person = await adversePerson(registry, policy);
    const action = Object.keys(policy.actions).includes('air_travel.purchase') ? 'air_travel.purchase' : Object.keys(policy.actions)[0]!;
    const key = async (req: Parameters<typeof createApiKey>[2]) => (await createApiKey(registry, policy, req)).key;
    const keys = {
      admin: await key({ role: 'admin', label: 'e2e operator' }),
      auditor: await key({ role: 'auditor', label: 'e2e auditor' }),
      relying: await key({ role: 'relying_party', actions: [action], purposes: ['ticket_sale'], label: 'e2e airline' }),
      furnisher: await key({ role: 'furnisher', source: person.source, label: 'e2e furnisher' }),
      subject: await key({ role: 'subject', subject: person.id }),
    };
    await registry.audit.checkpoint(registry.signer, registry.clock.now());
    const { subjects } = await registry.store.stats();
    await registry.close();
    server = await startServer({ ...opts, port: 0, host: '127.0.0.1', handleSignals: false, logger: false, tickEveryMs: 0, rateLimit: false });
    const running = server;
    return {
      url: running.url, keys, action, subjects, purpose: 'ticket_sale',
      org: { id: org.id, uscc: demo.featured!, name: org.name ?? '' },
      person,
      async close() {
        await running.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (server) await server.close();
    else await registry.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The person whose latest active adverse conduct record (of their own, from a furnisher) is the most recent. */
async function adversePerson(registry: Awaited<ReturnType<typeof openRegistry>>, policy: Awaited<ReturnType<typeof activePolicy>>['policy']) {
  let best: { id: string; name: string; recordType: string; source: string; at: string } | undefined;
  let after: string | null = null;
  for (;;) {
    const page = await registry.store.subjectPage(after, 500);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const revisions = await registry.store.revisionsOfSubjects(page.map((s) => s.id));
    for (const s of page) {
      if (s.kind !== 'person') continue;
      for (const r of revisions.get(s.id) ?? []) {
        const def = policy.recordTypes[r.type];
        if (r.subjectId !== s.id || r.status !== 'active' || def?.kind !== 'conduct' || def.sign !== 'negative') continue;
        if (!best || r.occurredAt > best.at) best = { id: s.id, name: s.name ?? '', recordType: r.type, source: r.source, at: r.occurredAt };
      }
    }
  }
  if (!best) throw new Error('the demo population has no person with an adverse record');
  const { at: _at, ...person } = best;
  return person;
}

/** Chromium with the flags CI uses; every request it makes is recorded, to prove only the API is called. */
export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** A new page whose requests are collected into `requests`. */
export async function newPage(browser: Browser, requests: string[] = []): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('request', (r) => requests.push(r.url()));
  return page;
}

/** A new page whose requests are recorded, kept in `pages` so the test can close them all. */
export async function openTracked(browser: Browser, requests: string[], pages: Page[]): Promise<Page> {
  const page = await newPage(browser, requests);
  pages.push(page);
  return page;
}

/** Sign in through the form with `key`, in English. */
export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The identity-link case: a person on file with a full number, and a court record naming them only by name. */
export const LINK_CASE = { idNumber: '440582198001011239', name: '张伟明', loanRef: 'E2E-LOAN-1', courtRef: '(2026)粤0582执E2E号' } as const;

/**
 * Loads the link case over the API (admin key): a `financial.loan_overdue` from `bank.icbc` with the
 * full number, then a `judicial.dishonest_debtor` from `court.enforcement` with the name alone, which
 * waits for review because only the name agrees. Returns the subject on file.
 */
export async function loadLinkCase(world: E2eWorld): Promise<{ subjectId: string }> {
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const call = async (path: string, key: string, body: unknown) => {
    const r = await fetch(`${world.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await r.json()) as Record<string, unknown>;
    if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  const records = async (list: unknown[]) => {
    const r = await call('/v1/records', world.keys.admin, list);
    if (r.accepted !== list.length) throw new Error(`records not accepted: ${JSON.stringify(r)}`);
  };
  await records([{
    source: 'bank.icbc', ref: LINK_CASE.loanRef, type: 'financial.loan_overdue', occurredAt: daysAgo(90),
    subject: { kind: 'person', id: LINK_CASE.idNumber, name: LINK_CASE.name }, attributes: { daysPastDue: 100 },
  }]);
  await records([{
    source: 'court.enforcement', ref: LINK_CASE.courtRef, type: 'judicial.dishonest_debtor', occurredAt: daysAgo(30), severity: 'serious',
    subject: { kind: 'person', name: LINK_CASE.name }, attributes: { court: 'x' },
  }]);
  const decision = await call('/v1/decisions', world.keys.relying, { subject: LINK_CASE.idNumber, action: world.action, purpose: world.purpose });
  return { subjectId: decision.subject as string };
}

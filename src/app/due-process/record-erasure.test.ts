import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/authorize.js';
import { demoResidentId } from '../demo/demo-identities.js';
import { SeededRandom } from '../demo/seeded-random.js';
import { initRegistry } from '../init-registry.js';
import { OPERATOR } from '../operator.js';
import { RegistryService } from '../registry-service.js';
import { openRegistry } from '../registry.js';
import { resolveSubject } from '../resolve-subject.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-erasure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a case about a corrected record', () => {
  it('stays readable and answerable while the record, judged by its latest revision, is kept', async () => {
    const clock = { now: '2024-01-01T00:00:00.000Z' };
    const registry = await openRegistry({ dbPath: join(dir, 'r.db'), masterKey: Buffer.alloc(32, 4).toString('base64') }, true);
    registry.clock = { now: () => clock.now, simulated: true };
    await initRegistry(registry);
    const service = new RegistryService(registry, registry.audit, registry.signer);
    const person = demoResidentId(new SeededRandom(3), '1970-01-10', '110105');
    const rec = (revision: number, occurredAt: string) => ({
      source: 'police.x', ref: 'P-1', revision, type: 'societal.traffic_violation', subject: { kind: 'person', id: person }, occurredAt, status: 'active', attributes: {},
    });
    expect((await service.ingest(OPERATOR, [rec(1, '2023-06-01')])).accepted).toBe(1);
    const subjectId = (await resolveSubject(registry, person)).id;
    const first = ((await registry.store.revisionsOfSubjects([subjectId])).get(subjectId) ?? [])[0]!.id;
    const subject: Principal = { id: 's', role: 'subject', source: null, subjectId, actions: [], purposes: [], label: null };
    const furnisher: Principal = { id: 'f', role: 'furnisher', source: 'police.x', subjectId: null, actions: [], purposes: [], label: null };
    const objection = await service.cases.fileObjection(subject, { recordId: first, statement: 'wrong date' });
    await service.cases.answerObjection(furnisher, objection.id, { outcome: 'corrected' });
    // Corrected: the conduct was on 2023-12-31, so the record's retention ends 2029-12-31, not 2029-06-01.
    expect((await service.ingest(furnisher, [rec(2, '2023-12-31')])).updated).toBe(1);
    clock.now = '2029-09-01T00:00:00.000Z';
    await service.tick();
    expect((await service.cases.case(subject, objection.id)).status).toBe('corrected');
    const second = await service.cases.fileObjection(subject, { recordId: first, statement: 'still wrong' });
    expect((await service.cases.answerObjection(furnisher, second.id, { outcome: 'upheld' })).status).toBe('upheld');
    await registry.close();
  });
});

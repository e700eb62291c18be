import { describe, expect, it } from 'vitest';
import { checkpointBody, checkpointSignatureValid, type Checkpoint } from './checkpoint.js';

const head = { treeSize: 40, rootHash: 'ab'.repeat(32), at: '2026-01-01T00:00:00.000Z', keyId: '0123456789abcdef' };

describe('checkpoint', () => {
  it('signs the canonical JSON of the head, whatever the key order or extra fields', () => {
    const body = checkpointBody(head).toString('utf8');
    expect(body).toBe(`{"at":"2026-01-01T00:00:00.000Z","keyId":"0123456789abcdef","rootHash":"${'ab'.repeat(32)}","treeSize":40}`);
    const reordered = { keyId: head.keyId, at: head.at, treeSize: 40, rootHash: head.rootHash, signature: 'x' };
    expect(checkpointBody(reordered).toString('utf8')).toBe(body);
  });

  it('takes the verification from outside and counts a throwing verifier as a bad signature', () => {
    const signed: Checkpoint = { ...head, signature: Buffer.from(checkpointBody(head)).toString('base64') };
    const verify = (body: Buffer, signature: string) => body.toString('base64') === signature;
    expect(checkpointSignatureValid(signed, verify)).toBe(true);
    expect(checkpointSignatureValid({ ...signed, treeSize: 41 }, verify)).toBe(false);
    expect(checkpointSignatureValid(signed, () => { throw new Error('unknown key'); })).toBe(false);
  });
});

import { LogVerifier, type LogVerification } from '../core/audit/log-verifier.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Signer } from '../ports/signer.js';

/** Verify the whole stored audit log page by page (constant memory) against its signed checkpoints. */
export async function verifyStoredLog(log: AuditLog, signer: Signer, pageSize = 5000): Promise<LogVerification> {
  const verifier = new LogVerifier(await log.checkpoints(), (body, signature, keyId) => signer.verify(body, signature, keyId));
  for (let from = 0, page = await log.storedEvents(from, pageSize); page.length > 0; page = await log.storedEvents(from, pageSize)) {
    for (const { event, detailText } of page) verifier.add(event, detailText);
    from = (page.at(-1)?.event.seq ?? from) + 1;
  }
  return verifier.finish();
}

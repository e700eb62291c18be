import { randomBytes } from 'node:crypto';
import { formatApiKey, hashSecret, ROLES, type Role, type StoredApiKey } from '../core/access/api-key.js';
import { Errors } from '../core/errors.js';
import type { Policy } from '../core/policy/policy-schema.js';
import type { Registry } from './registry.js';
import { resolveSubject } from './resolve-subject.js';
import { XyFailure } from './xy-failure.js';

export interface KeyRequest {
  role: string;
  source?: string | undefined;
  subject?: string | undefined;
  actions?: string[] | undefined;
  purposes?: string[] | undefined;
  label?: string | undefined;
}

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const PURPOSE = /^[a-z][a-z0-9_.-]{0,63}$/;

/**
 * Create an API key. The secret is shown once, here; only its hash is stored. Each role carries
 * exactly the binding the contract gives it, so a key can never be broader than its role.
 */
export async function createApiKey(registry: Registry, policy: Policy, req: KeyRequest): Promise<{ id: string; key: string; role: Role }> {
  if (!(ROLES as readonly string[]).includes(req.role)) throw new XyFailure(Errors.KEY_GRANT(`--role must be one of ${ROLES.join(', ')}`));
  const role = req.role as Role;
  const need = (ok: boolean, why: string) => {
    if (!ok) throw new XyFailure(Errors.KEY_GRANT(why));
  };
  need(role === 'furnisher' ? SOURCE.test(req.source ?? '') : req.source === undefined, 'a furnisher key needs --source ID (and only a furnisher key takes one)');
  need((role === 'subject') === (req.subject !== undefined), 'a subject key needs --subject SUBJECT (and only a subject key takes one)');
  const actions = req.actions ?? [];
  const purposes = req.purposes ?? [];
  if (role === 'relying_party') {
    need(actions.length > 0 && purposes.length > 0, 'a relying-party key needs --actions and --purposes');
    for (const a of actions) need(Object.hasOwn(policy.actions, a), `action "${a}" is not in the active policy`);
    for (const p of purposes) need(PURPOSE.test(p), `purpose "${p}" must be a short lowercase code such as "ticket_sale"`);
  } else {
    need(actions.length === 0 && purposes.length === 0, 'only a relying-party key takes --actions and --purposes');
  }
  const subjectId = req.subject === undefined ? null : (await resolveSubject(registry, req.subject)).id;
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const stored: StoredApiKey = {
    id, role, secretHash: hashSecret(secret), source: req.source ?? null, subjectId, actions, purposes,
    label: req.label ?? null, createdAt: registry.clock.now(), revokedAt: null,
  };
  await registry.store.saveApiKey(stored);
  return { id, key: formatApiKey(id, secret), role };
}

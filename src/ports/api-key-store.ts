import type { StoredApiKey } from '../core/access/api-key.js';

/** Where API keys live: only hashes of their secrets, with what each key is allowed. */
export interface ApiKeyStore {
  saveApiKey(key: StoredApiKey): Promise<void>;
  apiKey(id: string): Promise<StoredApiKey | undefined>;
  apiKeys(): Promise<StoredApiKey[]>;
  revokeApiKey(id: string, at: string): Promise<boolean>;
}

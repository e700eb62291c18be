import { useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { useT } from '../i18n';
import { ErrorBox } from '../ui';

export function SignIn({ onSignIn, error }: { onSignIn: (key: string) => Promise<void>; error: ApiError | undefined }) {
  const t = useT();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form class="card narrow" onSubmit={(e) => {
      e.preventDefault();
      setBusy(true);
      onSignIn(key.trim()).finally(() => setBusy(false));
    }}>
      <h1>{t('signIn')}</h1>
      <div class="field">
        <label for="api-key">{t('apiKey')}</label>
        <input id="api-key" name="api-key" type="password" autocomplete="off" required value={key} aria-describedby="api-key-help"
          onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
        <small id="api-key-help">{t('apiKeyHelp')}</small>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <button type="submit" class="primary" disabled={busy}>{t('signIn')}</button>
    </form>
  );
}

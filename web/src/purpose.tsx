import { useState } from 'preact/hooks';
import { useT } from './i18n';

const KEY = 'xinyong.purpose';

/** An admin names why it reads; the API logs it in each subject's access log. Kept for the tab. */
export function usePurpose(): [string, (p: string) => void] {
  const [purpose, setPurpose] = useState(() => sessionStorage.getItem(KEY) ?? 'operator_review');
  return [purpose, (p) => {
    sessionStorage.setItem(KEY, p);
    setPurpose(p);
  }];
}

export function PurposeField({ purpose, onChange }: { purpose: string; onChange: (p: string) => void }) {
  const t = useT();
  return (
    <div class="field">
      <label for="purpose">{t('purpose')}</label>
      <input id="purpose" name="purpose" value={purpose} required pattern="[a-z][a-z0-9_.\-]{0,63}" aria-describedby="purpose-help"
        onChange={(e) => onChange((e.target as HTMLInputElement).value)} />
      <small id="purpose-help">{t('purposeHelp')}</small>
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, storedKey, storeKey, type Me } from './api';
import { initialLang, LangContext, translate, type Lang, type TextKey } from './i18n';
import { href, useRoute } from './router';
import { asApiError, ErrorBox, Loading } from './ui';
import { SignIn } from './pages/sign-in';
import { SearchPage } from './pages/search';
import { SubjectPage } from './pages/subject-page';
import { ListsPage } from './pages/lists';
import { OverviewPage } from './pages/overview';
import { CasesPage } from './pages/cases';
import { PolicyPage } from './pages/policy';
import { DecidePage } from './pages/decide';
import { PortalPage } from './pages/portal';
import { LinkReviewsPage } from './pages/link-reviews';
import type { ApiError } from './api';

type Page = { path: string; label: TextKey };

/** What each role may open: the API would refuse the rest anyway; the menu does not offer it. */
const PAGES: Record<Me['role'], Page[]> = {
  admin: [
    { path: 'search', label: 'navSearch' }, { path: 'lists', label: 'navLists' }, { path: 'overview', label: 'navOverview' },
    { path: 'cases', label: 'navCases' }, { path: 'links', label: 'navLinks' }, { path: 'policy', label: 'navPolicy' }, { path: 'decide', label: 'navDecide' },
  ],
  auditor: [{ path: 'overview', label: 'navOverview' }, { path: 'policy', label: 'navPolicy' }],
  relying_party: [{ path: 'decide', label: 'navDecide' }],
  furnisher: [{ path: 'cases', label: 'navCases' }],
  subject: [{ path: 'portal', label: 'navPortal' }],
};

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [checking, setChecking] = useState(() => storedKey() !== null);
  const setLang = (l: Lang) => {
    localStorage.setItem('xinyong.lang', l);
    setLangState(l);
  };
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${translate(lang, 'appName')} · xinyong`;
  }, [lang]);

  /** Sign in with `key`; a restored session (a reload) stays on the page it was on. */
  const signIn = async (key: string, restoring = false) => {
    setError(undefined);
    try {
      const who = await api<Me>('GET', '/v1/me', undefined, key);
      storeKey(key);
      setMe(who);
      const first = PAGES[who.role][0];
      if (first && !(restoring && location.hash.length > 2)) location.hash = href(first.path);
    } catch (e) {
      storeKey(null);
      setError(asApiError(e));
    }
  };
  useEffect(() => {
    const key = storedKey();
    if (key) void signIn(key, true).finally(() => setChecking(false));
  }, []);
  const signOut = () => {
    storeKey(null);
    setMe(null);
    location.hash = '';
  };

  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <a class="skip" href="#main">{lang === 'zh' ? '跳到正文' : 'Skip to content'}</a>
      <header class="top">
        <span class="brand">{translate(lang, 'appName')}</span>
        {me ? <Nav me={me} lang={lang} /> : null}
        <div class="tools">
          {me ? <span class="who">{translate(lang, 'signedInAs')}{translate(lang, `role_${me.role}` as TextKey)}{me.label ? ` (${me.label})` : ''}</span> : null}
          <button type="button" class="lang" aria-label={translate(lang, 'languageLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {translate(lang, 'language')}
          </button>
          {me ? <button type="button" onClick={signOut}>{translate(lang, 'signOut')}</button> : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {checking && !me ? <Loading /> : me ? <Routes me={me} /> : <SignIn onSignIn={(key) => signIn(key)} error={error} />}
      </main>
    </LangContext.Provider>
  );
}

function Nav({ me, lang }: { me: Me; lang: Lang }) {
  const [current] = useRoute();
  return (
    <nav aria-label={lang === 'zh' ? '主导航' : 'Main'}>
      <ul>
        {PAGES[me.role].map((p) => (
          <li key={p.path}>
            <a href={href(p.path)} aria-current={current === p.path || (current === 'subject' && p.path === 'search') ? 'page' : undefined}>{translate(lang, p.label)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Routes({ me }: { me: Me }) {
  const [page, ...rest] = useRoute();
  const allowed = new Set(PAGES[me.role].map((p) => p.path));
  if (me.role === 'admin') allowed.add('subject');
  const target = page && allowed.has(page) ? page : PAGES[me.role][0]?.path;
  switch (target) {
    case 'search': return <SearchPage />;
    case 'subject': return rest[0] ? <SubjectPage id={rest[0]} me={me} /> : <SearchPage />;
    case 'lists': return <ListsPage list={rest[0]} />;
    case 'overview': return <OverviewPage />;
    case 'cases': return <CasesPage me={me} />;
    case 'links': return <LinkReviewsPage />;
    case 'policy': return <PolicyPage me={me} />;
    case 'decide': return <DecidePage me={me} />;
    case 'portal': return <PortalPage me={me} />;
    default: return <ErrorBox error={{ status: 0, title: 'No page', detail: 'This key opens no page.', code: 'XY_CLIENT', name: 'Error', message: '' }} />;
  }
}

import type { Principal } from '../api/api-types';
import { signOut } from '../auth/session.store';
import { useI18n } from '../i18n/i18n.context';
import { LOCALES, type Locale } from '../i18n/messages';
import { routesFor } from '../router/routes';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t('app.language')}</span>
      <select
        data-testid="language"
        value={locale}
        onChange={(event) => setLocale(event.target.value as Locale)}
      >
        {LOCALES.map((value) => (
          <option key={value} value={value}>
            {LOCALE_NAMES[value]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AppHeader({ user, path }: { user: Principal; path: string }) {
  const { t, tr } = useI18n();
  return (
    <header className="app-header">
      <div className="brand">
        <strong>{t('app.name')}</strong>
        <span>{t('app.tagline')}</span>
      </div>
      <nav aria-label="main">
        {routesFor(user.roles).map((route) => (
          <a key={route.path} href={`#${route.path}`} aria-current={route.path === path ? 'page' : undefined}>
            {t(route.title)}
          </a>
        ))}
      </nav>
      <div className="who" data-testid="who">
        <span className="name">{user.displayName}</span>
        <span className="roles">{user.roles.map((role) => tr('role', role)).join(' · ')}</span>
      </div>
      <LanguageSwitch />
      <button type="button" className="quiet" onClick={() => void signOut()}>
        {t('app.signOut')}
      </button>
    </header>
  );
}

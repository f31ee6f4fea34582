import { useState, type FormEvent } from 'react';
import { sessionStore, signIn } from '../auth/session.store';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { LanguageSwitch } from '../shell/app-header.component';

export function SignInPage() {
  const { t, error: describe } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = sessionStore.lastSignOutReason();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      setError(describe(caught));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span>{t('app.tagline')}</span>
        </div>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {reason && !error && (
          <p className="notice" role="status">
            {t(reason === 'ended' ? 'signIn.ended' : 'signIn.loggedOut')}
          </p>
        )}
        <label>
          {t('signIn.username')}
          <input
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <ErrorNotice error={error} testId="sign-in-error" />
        <button type="submit" className="primary" disabled={busy}>
          {t(busy ? 'signIn.busy' : 'signIn.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}

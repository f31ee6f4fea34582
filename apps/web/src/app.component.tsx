import { useEffect } from 'react';
import { useSession } from './auth/use-session.hook';
import { useI18n } from './i18n/i18n.context';
import { SignInPage } from './pages/sign-in.page';
import { findRoute, homeOf } from './router/routes';
import { navigate, useRoute } from './router/use-route.hook';
import { AppHeader } from './shell/app-header.component';

/** Signed out: the sign-in page. Signed in: the header and the page of the route, or the user's home. */
export function App() {
  const session = useSession();
  const route = useRoute();
  const { t } = useI18n();
  const user = session?.user;
  const page = user ? findRoute(route.path) : undefined;
  const allowed = page && user && page.roles.some((role) => user.roles.includes(role));
  const target = !user ? '/sign-in' : allowed ? route.path : homeOf(user.roles);

  useEffect(() => {
    if (target !== route.path) navigate(target, {}, true);
  }, [target, route.path]);

  if (!user) return <SignInPage />;
  const shown = findRoute(target);
  if (!shown) return <h1>{t('notFound.title')}</h1>;
  const Page = shown.component;
  return (
    <div className="app">
      <AppHeader user={user} path={shown.path} />
      <Page />
    </div>
  );
}

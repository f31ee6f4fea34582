import type { Principal } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { routesFor, type PageRoute } from '../router/routes';

/** What a page not built yet shows: its name, for whom it will be, the API it will use, and the way elsewhere. */
export function ComingSoonPage({ route, user }: { route: PageRoute; user: Principal }) {
  const { t, tr } = useI18n();
  const role = route.roles.find((r) => user.roles.includes(r)) ?? route.roles[0];
  const others = routesFor(user.roles).filter((other) => other.path !== route.path);
  return (
    <main className="page coming" data-testid="coming">
      <h1>{t('coming.title', { page: t(route.title) })}</h1>
      <p>{t('coming.body', { role: tr('role', role), docs: route.docs })}</p>
      {others.length > 0 && (
        <p>
          {t('coming.other')}{' '}
          {others.map((other) => (
            <a key={other.path} href={`#${other.path}`}>
              {t(other.title)}
            </a>
          ))}
        </p>
      )}
    </main>
  );
}

import { useMemo, useState } from 'react';
import { api } from '../api/api-client';
import type { User } from '../api/admin-types';
import type { Role } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { useDepartments } from '../shared/reference-data';
import { useFetch } from '../shared/use-fetch.hook';
import { SearchField } from './search-field.component';
import { ROLES, UserForm } from './user-form.component';

/** Roles that see the whole city (docs/access.md); the others see their department or their grids. */
const CITY_ROLES: readonly Role[] = ['acceptor', 'shift_leader', 'dispatcher', 'supervisor', 'admin'];

/** Rows drawn at most: the search narrows the rest. */
const MAX_ROWS = 300;

/** Users: search, create, edit roles and scope, disable and enable, lift a lockout (docs/access.md). */
export function UsersTab() {
  const { t, tr, shortDateTime } = useI18n();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const users = useFetch(`users:${q}:${role}`, () => api.all<User>('/api/v1/users', { q, role }));
  const departments = useDepartments().data;
  const departmentNames = useMemo(
    () => new Map((departments ?? []).map((d) => [d.id, d.name])),
    [departments],
  );
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  async function change(user: User, body: Record<string, unknown>, done: string) {
    setFailure(null);
    try {
      await api.write<User>('PATCH', `/api/v1/users/${user.id}`, body);
      setNotice(done);
      users.reload();
    } catch (error) {
      setFailure(error);
    }
  }

  const rows = users.data ?? [];
  return (
    <section className="admin-section" data-testid="admin-users">
      <header className="admin-toolbar">
        <h2>{t('admin.tab.users')}</h2>
        <SearchField
          value={q}
          onChange={setQ}
          placeholder={t('admin.users.searchHint')}
          testId="user-search"
        />
        <label>
          {t('admin.users.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('app.all')}</option>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {tr('role', value)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          data-testid="user-new"
          onClick={() => {
            setEditing('new');
            setNotice(null);
          }}
        >
          {t('admin.users.new')}
        </button>
      </header>
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('admin.users.saved', { name: saved.username }));
            users.reload();
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status" data-testid="admin-notice">
          {notice}
        </p>
      )}
      <ErrorNotice error={users.error ?? failure} />
      <div className="table-scroll">
        <table data-testid="users" data-loaded={!users.loading} data-rows={rows.length}>
          <thead>
            <tr>
              <th>{t('signIn.username')}</th>
              <th>{t('admin.users.displayName')}</th>
              <th>{t('admin.users.roles')}</th>
              <th>{t('admin.users.scope')}</th>
              <th>{t('admin.users.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((user) => (
              <tr
                key={user.id}
                data-testid="user-row"
                data-username={user.username}
                data-disabled={user.disabled}
              >
                <td className="code">{user.username}</td>
                <td>{user.displayName}</td>
                <td>{user.roles.map((r) => tr('role', r)).join('、')}</td>
                <td className="scope" title={user.areaCodes.join(' ')}>
                  {user.departmentId
                    ? (departmentNames.get(user.departmentId) ?? user.departmentId)
                    : user.areaCodes.join(' ') ||
                      (user.roles.some((r) => CITY_ROLES.includes(r))
                        ? t('admin.users.cityWide')
                        : t('admin.users.ownGrids'))}
                </td>
                <td>
                  {user.disabled
                    ? t('admin.users.disabled')
                    : user.lockedUntil
                      ? t('admin.users.locked', { time: shortDateTime(user.lockedUntil) })
                      : t('admin.users.active')}
                </td>
                <td className="row-actions">
                  <button type="button" className="quiet" onClick={() => setEditing(user)}>
                    {t('admin.edit')}
                  </button>
                  <button
                    type="button"
                    className={user.disabled ? 'quiet' : 'cautious'}
                    data-testid="user-toggle"
                    onClick={() =>
                      void change(
                        user,
                        { disabled: !user.disabled },
                        t(user.disabled ? 'admin.users.enabledNotice' : 'admin.users.disabledNotice', {
                          name: user.username,
                        }),
                      )
                    }
                  >
                    {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                  </button>
                  {user.lockedUntil && (
                    <button
                      type="button"
                      className="quiet"
                      onClick={() =>
                        void change(
                          user,
                          { locked: false },
                          t('admin.users.unlocked', { name: user.username }),
                        )
                      }
                    >
                      {t('admin.users.unlock')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > MAX_ROWS && (
          <p className="more">{t('admin.more', { count: rows.length - MAX_ROWS })}</p>
        )}
      </div>
    </section>
  );
}

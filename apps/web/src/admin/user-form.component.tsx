import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client';
import type { NewUser, User } from '../api/admin-types';
import type { Role } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { DepartmentSelect } from '../shared/department-select.component';
import { ErrorNotice } from '../shared/error-notice.component';
import { useDepartments } from '../shared/reference-data';

export const ROLES: readonly Role[] = [
  'inspector',
  'grid_manager',
  'acceptor',
  'shift_leader',
  'dispatcher',
  'handler',
  'dept_manager',
  'supervisor',
  'admin',
];

/** Roles whose scope is a department (docs/access.md). */
const DEPARTMENT_ROLES: readonly Role[] = ['handler', 'dept_manager'];
/** Roles whose scope is a set of areas. */
const AREA_ROLES: readonly Role[] = ['inspector', 'grid_manager'];

interface Props {
  /** The user edited; none: a new user. */
  user?: User;
  onSaved(user: User): void;
  onCancel(): void;
}

/** Creates a user, or changes one's name, roles, scope and password (POST / PATCH /api/v1/users). */
export function UserForm({ user, onSaved, onCancel }: Props) {
  const { t, tr } = useI18n();
  const departments = useDepartments().data ?? [];
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? []);
  const [areaCodes, setAreaCodes] = useState((user?.areaCodes ?? []).join(' '));
  const [departmentId, setDepartmentId] = useState(user?.departmentId ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const needsDepartment = roles.some((role) => DEPARTMENT_ROLES.includes(role));
  const needsAreas = roles.some((role) => AREA_ROLES.includes(role));

  const toggle = (role: Role, on: boolean) =>
    setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const body: Partial<NewUser> = {
      displayName: displayName.trim(),
      roles,
      areaCodes: areaCodes.split(/[\s,，]+/).filter(Boolean),
      departmentId: needsDepartment ? departmentId || null : null,
    };
    if (password) body.password = password;
    try {
      const saved = user
        ? await api.write<User>('PATCH', `/api/v1/users/${user.id}`, body)
        : await api.post<User>('/api/v1/users', { ...body, username: username.trim() });
      onSaved(saved);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-form" data-testid="user-form" onSubmit={(e) => void submit(e)}>
      <h3>{user ? t('admin.users.edit', { name: user.username }) : t('admin.users.new')}</h3>
      <div className="fields">
        {!user && (
          <label>
            {t('signIn.username')}
            <input
              name="username"
              required
              value={username}
              autoComplete="off"
              placeholder={t('admin.users.usernameRule')}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
        )}
        <label>
          {t('admin.users.displayName')}
          <input
            name="displayName"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </label>
        <label>
          {user ? t('admin.users.newPassword') : t('signIn.password')}
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required={!user}
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      </div>
      <fieldset className="roles">
        <legend>{t('admin.users.roles')}</legend>
        {ROLES.map((role) => (
          <label key={role} className="check">
            <input
              type="checkbox"
              name="roles"
              value={role}
              checked={roles.includes(role)}
              onChange={(e) => toggle(role, e.target.checked)}
            />
            {tr('role', role)}
          </label>
        ))}
      </fieldset>
      <div className="fields">
        <label>
          {t('admin.users.areaCodes')}
          <input
            name="areaCodes"
            value={areaCodes}
            placeholder={needsAreas ? '330191001R001 330191001001' : ''}
            onChange={(e) => setAreaCodes(e.target.value)}
          />
        </label>
        {needsDepartment && (
          <DepartmentSelect departments={departments} value={departmentId} onChange={setDepartmentId} />
        )}
      </div>
      <ErrorNotice error={failure} testId="user-form-error" />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy || roles.length === 0}>
          {busy ? t('form.busy') : user ? t('admin.save') : t('admin.users.create')}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

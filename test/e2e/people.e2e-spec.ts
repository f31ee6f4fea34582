import { ApiClient, errorCode, signIn } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';

interface Department {
  id: string;
  code: string;
  parentId: string | null;
  areaCodes: string[];
}
interface User {
  id: string;
  username: string;
  roles: string[];
  departmentId: string | null;
}
interface Failure {
  error: { code: string; details: Array<{ field: string; message: string }> };
}

describe('departments and users over HTTP', () => {
  let api: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await createTestApp();
    admin = await signIn(api.url, 'admin');
  });

  afterAll(async () => {
    await api.close();
  });

  it('creates a department with a sub-unit, reads and pages them, and refuses cycles, duplicates and deleting one in use', async () => {
    const parent = await admin.post<Department>('/api/v1/departments', {
      code: 'water',
      name: '市水务集团',
      family: 'utilities',
    });
    expect(parent.status).toBe(201);
    expect(parent.body).toMatchObject({ code: 'water', parentId: null, areaCodes: [] });
    const child = await admin.post<Department>('/api/v1/departments', {
      code: 'water-330191',
      name: '云河区供水所',
      family: 'utilities',
      parentId: parent.body.id,
      areaCodes: ['330191'],
    });
    expect(child.body).toMatchObject({ parentId: parent.body.id, areaCodes: ['330191'] });

    const cycle = await admin.patch<Failure>(`/api/v1/departments/${parent.body.id}`, {
      parentId: child.body.id,
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.code).toBe('DEPARTMENT_PARENT_INVALID');
    const taken = await admin.post('/api/v1/departments', {
      code: 'water',
      name: '又一个',
      family: 'utilities',
    });
    expect(taken.status).toBe(409);
    expect(errorCode(taken)).toBe('DEPARTMENT_CODE_TAKEN');
    const inUse = await admin.delete(`/api/v1/departments/${parent.body.id}`);
    expect(inUse.status).toBe(409);
    expect(errorCode(inUse)).toBe('DEPARTMENT_IN_USE');

    const page = await admin.get<{ items: Department[]; nextCursor: string }>(
      '/api/v1/departments?family=utilities&limit=2',
    );
    expect(page.body.items.map((d) => d.code)).toEqual(['utilities', 'utilities-330191']);
    const next = await admin.get<{ items: Department[]; nextCursor: null }>(
      `/api/v1/departments?family=utilities&limit=2&cursor=${page.body.nextCursor}`,
    );
    expect(next.body.items.map((d) => d.code)).toEqual(['utilities-330192', 'water']);

    expect((await admin.delete(`/api/v1/departments/${child.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/departments/${parent.body.id}`)).status).toBe(204);
    expect(errorCode(await admin.get(`/api/v1/departments/${parent.body.id}`))).toBe('DEPARTMENT_NOT_FOUND');
  });

  it('lists every invalid field of a department or a user at once', async () => {
    const department = await admin.post<Failure>('/api/v1/departments', {
      code: 'Bad Code',
      family: 'weather',
    });
    expect(department.status).toBe(400);
    expect(new Set(department.body.error.details.map((d) => d.field))).toEqual(
      new Set(['code', 'family', 'name']),
    );
    const user = await admin.post<Failure>('/api/v1/users', {
      username: 'x',
      password: 'short',
      roles: ['mayor'],
      areaCodes: ['12'],
    });
    expect(user.status).toBe(400);
    expect(new Set(user.body.error.details.map((d) => d.field))).toEqual(
      new Set(['username', 'displayName', 'password', 'roles', 'areaCodes']),
    );
  });

  it('creates users whose roles fit their scope, and changes roles and department', async () => {
    const departments = await admin.get<{ items: Department[] }>('/api/v1/departments?q=landscaping-330192');
    const landscaping = departments.body.items[0];
    const noDepartment = await admin.post<Failure>('/api/v1/users', {
      username: 'handler-new',
      displayName: '新处置员',
      password: 'password123',
      roles: ['handler'],
    });
    expect(noDepartment.status).toBe(422);
    expect(noDepartment.body.error).toMatchObject({
      code: 'USER_SCOPE_INVALID',
      details: [{ field: 'departmentId', message: expect.stringContaining('need a department') }],
    });

    const created = await admin.post<User>('/api/v1/users', {
      username: 'handler-new',
      displayName: '新处置员',
      password: 'password123',
      roles: ['handler'],
      departmentId: landscaping.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'handler-new', departmentId: landscaping.id });
    expect(created.body).not.toHaveProperty('passwordHash');

    const duplicate = await admin.post('/api/v1/users', {
      username: 'handler-new',
      displayName: 'x',
      password: 'password123',
      roles: ['supervisor'],
    });
    expect(errorCode(duplicate)).toBe('USERNAME_TAKEN');

    const promoted = await admin.patch<User>(`/api/v1/users/${created.body.id}`, {
      roles: ['dispatcher'],
      departmentId: null,
    });
    expect(promoted.body).toMatchObject({ roles: ['dispatcher'], departmentId: null });
    const asDispatcher = await signIn(api.url, 'handler-new', 'password123');
    expect((await asDispatcher.get<{ roles: string[] }>('/api/v1/auth/me')).body.roles).toEqual([
      'dispatcher',
    ]);
  });
});

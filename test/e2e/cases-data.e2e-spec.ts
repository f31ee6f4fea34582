import { TimeUnit } from '@citygrid/calendar';
import { CaseActivityEntity, CaseEntity, CaseSource, CaseStatus, nextCaseNumber } from '@citygrid/cases';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/create-test-app';

describe('case data: numbers and the append-only activity log', () => {
  let api: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  it('numbers cases by the city’s day, uniquely and without gaps under concurrent intake', async () => {
    // 17:30 UTC on 20 November is already 21 November in Shanghai.
    const at = new Date('2026-11-20T17:30:00Z');
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () =>
        dataSource.transaction((manager) => nextCaseNumber(manager, at, 'Asia/Shanghai')),
      ),
    );
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `20261121${String(i + 1).padStart(6, '0')}`),
    );
    // A rolled-back intake gives its number back: the next one continues the sequence.
    await dataSource
      .transaction(async (manager) => {
        await nextCaseNumber(manager, at, 'Asia/Shanghai');
        throw new Error('intake failed');
      })
      .catch(() => undefined);
    expect(await dataSource.transaction((m) => nextCaseNumber(m, at, 'Asia/Shanghai'))).toBe(
      '20261121000051',
    );
  });

  it('refuses to update, delete or truncate activity rows, in the database itself', async () => {
    const [{ id: version }] = await dataSource.query('SELECT id FROM catalogue_versions WHERE current');
    const saved = await dataSource.getRepository(CaseEntity).save({
      number: '20261121999999',
      source: CaseSource.Inspector,
      status: CaseStatus.Reported,
      catalogueVersionId: version,
      matterKind: 'event',
      matterCode: '06010',
      filingConditionKey: 'a',
      description: '路边垃圾',
      handleLimit: { amount: 2, unit: TimeUnit.WORK_HOUR },
      stepStartedAt: new Date(),
    });
    const activity = await dataSource.getRepository(CaseActivityEntity).save({
      caseId: saved.id,
      action: 'report',
      toStatus: CaseStatus.Reported,
      startedAt: new Date(),
      endedAt: new Date(),
    });
    for (const statement of [
      `UPDATE case_activities SET opinion = 'rewritten' WHERE id = ${activity.id}`,
      `DELETE FROM case_activities WHERE id = ${activity.id}`,
      'TRUNCATE case_activities CASCADE',
    ]) {
      await expect(dataSource.query(statement)).rejects.toThrow(/append-only/);
    }
    const [row] = await dataSource.query('SELECT opinion FROM case_activities WHERE id = $1', [activity.id]);
    expect(row).toEqual({ opinion: null });
  });
});

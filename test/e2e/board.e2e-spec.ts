import type { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SYNC_LIMIT, type BoardSnapshot } from '@citygrid/board';
import type { CaseDetailDto } from '@citygrid/cases';
import type { BoardSyncResult, CaseChangedEvent, NoticeCreatedEvent } from '@citygrid/realtime';
import { connectBoardSocket, nextEvent, type BoardSocket } from '@citygrid/testing';
import { DataSource } from 'typeorm';
import { ApiClient, signIn } from '../support/api-client';
import {
  applyChanges,
  BoardRecorder,
  CaseChangeRecorder,
  countsOf,
  disconnection,
  plain,
  refusal,
  stateOf,
  sync,
  tally,
  untyped,
} from '../support/board-recorder';
import { act, photo, report } from '../support/cases';
import { centreOf, demoCity } from '../support/demo-city-points';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';

/** gm-1 manages responsibility grid R001, which holds GRID; inspector-1 patrols it. */
const GRID = '330191001001001';
const RESPONSIBILITY_GRID = '330191001R001';
/** gm-2's grid, and one of its unit grids. */
const OTHER = demoCity.responsibilityGrids.find((grid) => grid.manager === 'gm-2')!;
const OTHER_GRID = OTHER.unitGridCodes[0];
/** A street other than GRID's. */
const ANOTHER_STREET = demoCity.streets.find((street) => street.code !== GRID.slice(0, 9))!.code;
/** A desk's call: no photo, stays REPORTED after routing gives it to the grid's manager. */
const CALL = { matterKind: 'event', matterCode: '06010', conditionKey: 'a', source: 'hotline' };
/** An inspector's report of piled-up garbage: routing dispatches it to sanitation-330191 by itself. */
const GARBAGE = { matterKind: 'event', matterCode: '06010', conditionKey: 'a' };

/** The demo users whose boards are watched, and the room each one's scope puts it in. */
const WATCHERS = [
  'dispatcher', // board
  'acceptor', // board, and the reporter of every call
  'gm-1', // grid:330191001R001
  'gm-2', // grid of OTHER
  'inspector-1', // grid:330191001R001, patrolled
  'handler-sanitation-1', // dept:sanitation-330191
  'deptmgr-sanitation', // dept:sanitation and its sub-units
] as const;
type Watcher = (typeof WATCHERS)[number];

interface Watch {
  client: ApiClient;
  socket: BoardSocket;
  changes: CaseChangeRecorder;
}

describe('the live board over socket.io', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let admin: ApiClient;
  let acceptor: ApiClient;
  let dispatcher: ApiClient;
  let inspector: ApiClient;
  let handler: ApiClient;
  let image: Buffer;
  const watch = {} as Record<Watcher, Watch>;
  const extraSockets: BoardSocket[] = [];
  const userIds = new Map<string, string>();
  let sanitationId: string;

  /** Cases made by the first test and used by the later ones. */
  let call: CaseDetailDto;
  let inspection: CaseDetailDto;
  let elsewhere: CaseDetailDto;

  const userId = (username: string): string => userIds.get(username)!;
  const get = async (id: string) => (await admin.get<CaseDetailDto>(`/api/v1/cases/${id}`)).body;
  const snapshotOf = async (client: ApiClient): Promise<BoardSnapshot> => {
    const response = await client.get<BoardSnapshot>('/api/v1/board/snapshot');
    expect(response.status).toBe(200);
    return response.body;
  };
  const openSocket = async (token: string | null): Promise<BoardSocket> => {
    const socket = await connectBoardSocket(api.url, token);
    extraSockets.push(socket);
    return socket;
  };
  /** A desk's call in a unit grid, once routing has given it an owner (heard on `log`). */
  const callIn = async (unitGrid: string, log: CaseChangeRecorder): Promise<CaseDetailDto> => {
    const created = await report(acceptor, centreOf(unitGrid), CALL);
    expect(created.status).toBe(201);
    await log.next((e) => e.id === created.body.id && e.ownerId !== null);
    return get(created.body.id);
  };

  /**
   * A marker each named socket is sure to get, after everything emitted before it: a system.pong sent to that
   * socket alone through the worker and the same Redis stream as every case.changed. Once a socket has its
   * marker, it has every event emitted before the ping, so anything it has not heard by then it never will.
   */
  let markers = 0;
  const markAll = async (sockets: BoardSocket[]): Promise<void> => {
    await Promise.all(
      sockets.map(async (socket) => {
        const correlationId = `board-marker-${++markers}`;
        const pong = nextEvent(socket, 'system.pong', (e) => e.correlationId === correlationId, 10_000);
        const sent = await admin.post(
          '/api/v1/system/ping',
          { replyTo: socket.id },
          { 'x-correlation-id': correlationId },
        );
        expect(sent.status).toBe(202);
        await pong;
      }),
    );
  };
  const markWatchers = (...names: Watcher[]) =>
    markAll((names.length ? names : [...WATCHERS]).map((name) => watch[name].socket));

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    dataSource = api.app.get(DataSource);
    [admin, acceptor, dispatcher, inspector, handler] = await Promise.all(
      ['admin', 'acceptor', 'dispatcher', 'inspector-1', 'handler-sanitation-1'].map((u) =>
        signIn(api.url, u),
      ),
    );
    const users: Array<{ id: string; username: string }> = await dataSource.query(
      'SELECT id, username FROM users',
    );
    users.forEach((u) => userIds.set(u.username, u.id));
    [{ id: sanitationId }] = await dataSource.query('SELECT id FROM departments WHERE code = $1', [
      'sanitation-330191',
    ]);
    await Promise.all(
      WATCHERS.map(async (username) => {
        const client = await signIn(api.url, username);
        const socket = await connectBoardSocket(api.url, client.token);
        watch[username] = { client, socket, changes: new CaseChangeRecorder(socket) };
      }),
    );
    image = await photo();
  });

  afterAll(async () => {
    [...Object.values(watch).map((w) => w.socket), ...extraSockets].forEach((socket) => socket?.disconnect());
    await worker?.close();
    await api?.close();
  });

  describe('rooms by scope', () => {
    it('sends each change to exactly the sockets whose scope holds the case, each version once', async () => {
      const from = Object.fromEntries(WATCHERS.map((w) => [w, watch[w].changes.seen.length])) as Record<
        Watcher,
        number
      >;

      call = await callIn(GRID, watch['gm-1'].changes);
      expect(call).toMatchObject({ status: 'REPORTED', ownerId: userId('gm-1'), departmentId: null });

      const reported = await report(inspector, centreOf(GRID), GARBAGE, { photos: [image] });
      expect(reported.status).toBe(201);
      const dispatched = await watch['handler-sanitation-1'].changes.next(
        (e) => e.id === reported.body.id && e.status === 'DISPATCHED',
      );
      expect(dispatched).toMatchObject({ deptId: sanitationId, gridCode: RESPONSIBILITY_GRID });
      inspection = await get(reported.body.id);

      elsewhere = await callIn(OTHER_GRID, watch['gm-2'].changes);
      expect(elsewhere).toMatchObject({ ownerId: userId('gm-2') });

      await markWatchers();
      const expected: Record<Watcher, CaseDetailDto[]> = {
        dispatcher: [call, inspection, elsewhere],
        acceptor: [call, inspection, elsewhere],
        'gm-1': [call, inspection],
        'gm-2': [elsewhere],
        'inspector-1': [call, inspection],
        'handler-sanitation-1': [inspection],
        'deptmgr-sanitation': [inspection],
      };
      const heard = Object.fromEntries(WATCHERS.map((w) => [w, watch[w].changes.ids(from[w])]));
      expect(heard).toEqual(
        Object.fromEntries(WATCHERS.map((w) => [w, expected[w].map((c) => c.id).sort()])),
      );
      for (const w of WATCHERS) {
        // Each socket is in several rooms of a case (board and user:<reporter>, grid and user:<owner>) and still
        // hears each version once; and the last it heard is the case as it stands.
        expect({ [w]: watch[w].changes.duplicates() }).toEqual({ [w]: [] });
        for (const c of expected[w])
          expect({ [w]: watch[w].changes.versionOf(c.id) }).toEqual({ [w]: c.version });
      }
      // The event is the small, versioned one of DESIGN.md §7.
      const event = watch['gm-1'].changes.events.find((e) => e.id === call.id)!;
      expect(Object.keys(event).sort()).toEqual(
        [
          'id',
          'number',
          'version',
          'seq',
          'status',
          'light',
          'gridCode',
          'streetCode',
          'deptId',
          'ownerId',
          'matter',
          'location',
          'deadline',
          'at',
        ].sort(),
      );
      expect(event).toMatchObject({
        number: call.number,
        status: 'REPORTED',
        light: 'green',
        gridCode: RESPONSIBILITY_GRID,
        streetCode: GRID.slice(0, 9),
        matter: { kind: 'event', code: '06010' },
      });
      expect(event.seq).toMatch(/^\d+$/);
    });

    it('lets no client join a room by asking, nor send anything to anyone else', async () => {
      const gm2 = watch['gm-2'];
      const forged: CaseChangedEvent = {
        ...watch['gm-1'].changes.events.find((e) => e.id === call.id)!,
        id: 'forged',
        version: 999,
      };
      const notices: string[] = [];
      for (const w of WATCHERS) {
        watch[w].socket.on('notice.created', (n: NoticeCreatedEvent) => notices.push(`${w}:${n.id}`));
      }
      const from = Object.fromEntries(WATCHERS.map((w) => [w, watch[w].changes.seen.length])) as Record<
        Watcher,
        number
      >;
      const emit = (event: string, ...args: unknown[]) => untyped(gm2.socket).emit(event, ...args);
      emit('join', 'board');
      emit('join', { room: 'board' });
      emit('join', `grid:${RESPONSIBILITY_GRID}`);
      emit('subscribe', 'board');
      emit('subscribe', { rooms: ['board', `grid:${RESPONSIBILITY_GRID}`, `user:${userId('gm-1')}`] });
      emit('case.changed', forged);
      emit('notice.created', { id: 'forged', kind: 'sla.warning', title: 'x', body: 'x', caseId: null });
      emit('board.counts', { asOf: 'forged', byStatus: {}, byLight: {}, byStreet: {} });
      // A socket's packets are handled in order: once this is answered, everything above has been.
      const own = await countsOf(gm2.socket);
      expect(gm2.socket.connected).toBe(true);

      const next = await callIn(GRID, watch['gm-1'].changes);
      await markWatchers();
      // gm-2 hears nothing of gm-1's grid; nobody hears what gm-2 sent.
      expect(gm2.changes.ids(from['gm-2'])).toEqual([]);
      expect(watch.dispatcher.changes.ids(from.dispatcher)).toEqual([next.id]);
      for (const w of WATCHERS) expect(watch[w].changes.events.some((e) => e.id === 'forged')).toBe(false);
      expect(notices).toEqual([]);
      // Its counts and its catch-up are still its own scope's.
      expect(own).toMatchObject(tally((await snapshotOf(gm2.client)).cases));
      const caughtUp = await sync(gm2.socket, 0);
      expect(caughtUp.reload).toBe(false);
      expect(caughtUp.changes.map((c) => c.id)).toEqual([elsewhere.id]);
    });
  });

  describe('snapshot', () => {
    let rejected: CaseDetailDto;

    beforeAll(async () => {
      const created = await callIn(GRID, watch['gm-1'].changes);
      const response = await act(acceptor, created, 'reject', { opinion: '重复来电，不予受理' });
      expect(response.status).toBe(200);
      rejected = response.body;
      expect(rejected.status).toBe('CANCELLED');
    });

    const openIds = async (where = 'TRUE', parameters: unknown[] = []): Promise<string[]> =>
      (
        await dataSource.query(
          `SELECT id FROM cases WHERE status NOT IN ('CLOSED', 'CANCELLED') AND ${where} ORDER BY id`,
          parameters,
        )
      ).map((row: { id: string }) => row.id);

    const checkConsistent = (snapshot: BoardSnapshot) => {
      for (const c of snapshot.cases) expect(['green', 'yellow', 'red']).toContain(c.light);
      const { asOf, ...counts } = snapshot.counts;
      expect(counts).toEqual(tally(snapshot.cases));
      expect(Date.parse(asOf)).not.toBeNaN();
      const total = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
      for (const by of [counts.byStatus, counts.byLight, counts.byStreet]) {
        expect(total(by)).toBe(snapshot.cases.length);
      }
      expect(new Set(snapshot.cases.map((c) => c.id)).size).toBe(snapshot.cases.length);
    };

    it('gives a grid manager the open cases of its grid only, with lights and counts that add up', async () => {
      const snapshot = await snapshotOf(watch['gm-1'].client);
      const ids = snapshot.cases.map((c) => c.id);
      expect([...ids].sort()).toEqual(await openIds('responsibility_grid_code = $1', [RESPONSIBILITY_GRID]));
      expect(ids).toEqual(expect.arrayContaining([call.id, inspection.id]));
      expect(ids).not.toContain(elsewhere.id);
      expect(ids).not.toContain(rejected.id);
      for (const c of snapshot.cases) expect(c.gridCode).toBe(RESPONSIBILITY_GRID);
      checkConsistent(snapshot);
      expect(Object.keys(snapshot.counts.byStreet)).toEqual([GRID.slice(0, 9)]);
      expect(snapshot.counts.byStatus).toMatchObject({ REPORTED: ids.length - 1, DISPATCHED: 1 });
      // Each case as it stands, at the cursor the snapshot is at.
      const [{ seq }] = await dataSource.query('SELECT max(change_seq)::text AS seq FROM cases');
      expect(snapshot.seq).toBe(seq);
      const mine = snapshot.cases.find((c) => c.id === inspection.id)!;
      expect(mine).toMatchObject({ version: inspection.version, status: 'DISPATCHED', deptId: sanitationId });
      expect(BigInt(mine.seq)).toBeLessThanOrEqual(BigInt(snapshot.seq));

      const other = await snapshotOf(watch['gm-2'].client);
      expect(other.cases.map((c) => c.id)).toEqual([elsewhere.id]);
      checkConsistent(other);
    });

    it('gives the center every open case, and a department the cases sent to it and its sub-units', async () => {
      const all = await snapshotOf(dispatcher);
      expect(all.cases.map((c) => c.id).sort()).toEqual(await openIds());
      expect(all.cases.map((c) => c.id)).not.toContain(rejected.id);
      checkConsistent(all);

      for (const who of ['handler-sanitation-1', 'deptmgr-sanitation'] as const) {
        const snapshot = await snapshotOf(watch[who].client);
        expect(snapshot.cases.map((c) => c.id)).toEqual([inspection.id]);
        checkConsistent(snapshot);
      }
      expect((await new ApiClient(api.url).get('/api/v1/board/snapshot')).status).toBe(401);
    });
  });

  describe('board.sync', () => {
    it('gives a client that reconnects exactly what it missed in its scope, so it matches one that stayed', async () => {
      const gm1 = watch['gm-1'];
      const toCancel = await callIn(GRID, gm1.changes);
      // The client that stays: its snapshot, then every event from before the snapshot on.
      const from = gm1.changes.seen.length;
      const snapshot = await snapshotOf(gm1.client);
      expect(snapshot.cases.map((c) => c.id)).toContain(toCancel.id);
      const leaving = await openSocket(gm1.client.token);
      const left = disconnection(leaving);
      leaving.disconnect();
      await left;

      // While it is away: a new call, a case filed, a case rejected, a department signs; and a call elsewhere.
      const fresh = await callIn(GRID, gm1.changes);
      const filed = await act(acceptor, await get(call.id), 'file');
      expect(filed.status).toBe(200);
      const cancelled = await act(acceptor, toCancel, 'reject', { opinion: '信息不全' });
      expect(cancelled.status).toBe(200);
      const signed = await act(handler, await get(inspection.id), 'sign');
      expect(signed.status).toBe(200);
      const away = await callIn(OTHER_GRID, watch['gm-2'].changes);
      const latest = [fresh, filed.body, cancelled.body, signed.body];
      for (const c of latest)
        await gm1.changes.next((e) => e.id === c.id && e.version === c.version, 10_000, from);

      const back = await openSocket(gm1.client.token);
      const missed = await sync(back, snapshot.seq);
      expect(missed.reload).toBe(false);
      const ids = missed.changes.map((c) => c.id);
      expect([...ids].sort()).toEqual(latest.map((c) => c.id).sort());
      expect(ids).not.toContain(away.id);
      for (const c of latest) {
        expect(missed.changes.find((e) => e.id === c.id)).toMatchObject({
          version: c.version,
          status: c.status,
        });
      }
      // Oldest first, each after the cursor; the answer's cursor is the newest change's.
      const seqs = missed.changes.map((c) => BigInt(c.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(seqs[0]).toBeGreaterThan(BigInt(snapshot.seq));
      expect(missed.seq).toBe(missed.changes.at(-1)!.seq);

      const caughtUp = plain(applyChanges(stateOf(snapshot.cases), missed.changes));
      const stayed = plain(applyChanges(stateOf(snapshot.cases), gm1.changes.events.slice(from)));
      const reloaded = plain(stateOf((await snapshotOf(gm1.client)).cases));
      expect(caughtUp).toEqual(stayed);
      expect(caughtUp).toEqual(reloaded);
      expect(Object.keys(caughtUp)).not.toContain(toCancel.id);
      expect(caughtUp[call.id]).toMatchObject({ status: 'PENDING_DISPATCH', version: filed.body.version });
      expect(caughtUp[inspection.id]).toMatchObject({ status: 'HANDLING', version: signed.body.version });

      // From the cursor it got, there is nothing more to catch up on; the answer moves it past the changes
      // outside its scope.
      const [{ seq }] = await dataSource.query('SELECT max(change_seq)::text AS seq FROM cases');
      expect(BigInt(seq)).toBeGreaterThan(BigInt(missed.seq));
      expect(await sync(back, missed.seq)).toEqual({ reload: false, seq, changes: [] });
      inspection = signed.body;
      call = filed.body;
    });

    it('treats a cursor it cannot read as 0, and keeps answering', async () => {
      const socket = watch['gm-1'].socket;
      /** An answer without the time it was made at, which differs from one answer to the next. */
      const timeless = (result: BoardSyncResult) => ({
        ...result,
        changes: result.changes.map(({ at: _at, ...rest }) => rest),
      });
      const fromZero = timeless(await sync(socket, 0));
      expect(fromZero.reload).toBe(false);
      const [{ n }] = await dataSource.query(
        'SELECT count(*)::int AS n FROM cases WHERE responsibility_grid_code = $1',
        [RESPONSIBILITY_GRID],
      );
      // Every case in scope, closed ones too (a client drops them), and nothing else.
      expect(n).toBeGreaterThan(0);
      expect(fromZero.changes).toHaveLength(n);
      const unreadable = [
        'abc',
        -5,
        12.5,
        '1e3',
        null,
        '',
        { $gt: 0 },
        '99999999999999999999', // 20 digits
        '9999999999999999999', // 19 digits, beyond the largest bigint
      ];
      for (const bad of unreadable) {
        const answer = timeless(await sync(socket, bad));
        expect({ bad, answer }).toEqual({ bad, answer: fromZero });
      }
      const noBody = await untyped(socket).timeout(5000).emitWithAck('board.sync');
      expect(timeless(noBody as BoardSyncResult)).toEqual(fromZero);
      // The largest cursor there is: nothing after it, and the current cursor to go on from.
      const [{ seq }] = await dataSource.query('SELECT max(change_seq)::text AS seq FROM cases');
      expect(await sync(socket, '9223372036854775807')).toEqual({ reload: false, seq, changes: [] });
      expect(socket.connected).toBe(true);
    });

    describe('too far behind', () => {
      /** Case numbers are 14 characters: this prefix and a running number. */
      const CLONE_PREFIX = 'BOARDC';
      let cloned = 0;
      /** Copies of a case, as many as asked: cheap changes in the case's scope, each with a seq of its own. */
      const clone = async (source: CaseDetailDto, count: number): Promise<string[]> => {
        const columns: string[] = (
          await dataSource.query(
            `SELECT column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = 'cases'
               AND column_name NOT IN ('id', 'number', 'change_seq', 'idempotency_key', 'sla_next_at')
               AND is_generated = 'NEVER'`,
          )
        ).map((row: { column_name: string }) => `"${row.column_name}"`);
        const rows: Array<{ seq: string }> = await dataSource.query(
          `INSERT INTO cases (number, ${columns.join(', ')})
           SELECT $2 || lpad((g + $3::int)::text, 8, '0'), ${columns.map((c) => `c.${c}`).join(', ')}
           FROM cases c CROSS JOIN generate_series(1, $4::int) AS g WHERE c.id = $1
           RETURNING change_seq::text AS seq`,
          [source.id, CLONE_PREFIX, cloned, count],
        );
        cloned += count;
        expect(rows).toHaveLength(count);
        return rows.map((r) => r.seq).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      };

      afterAll(async () => {
        await dataSource.query('DELETE FROM cases WHERE number LIKE $1', [`${CLONE_PREFIX}%`]);
      });

      it('tells a client more than SYNC_LIMIT changes behind in its scope to reload, and only then', async () => {
        const socket = watch['gm-1'].socket;
        const { seq: cursor } = await snapshotOf(watch['gm-1'].client);
        // Changes outside the scope do not count against it.
        await clone(elsewhere, SYNC_LIMIT + 1);
        const unaffected = await sync(socket, cursor);
        expect(unaffected).toMatchObject({ reload: false, changes: [] });
        const seqs = await clone(call, SYNC_LIMIT + 1);
        const behind = await sync(socket, cursor);
        expect(behind).toEqual({ reload: true, seq: seqs.at(-1), changes: [] });
        // Exactly SYNC_LIMIT behind still catches up.
        const atLimit = await sync(socket, seqs[0]);
        expect(atLimit.reload).toBe(false);
        expect(atLimit.changes).toHaveLength(SYNC_LIMIT);
        expect(atLimit.seq).toBe(seqs.at(-1));
        // The center sees both clones: it is far behind too.
        expect((await sync(watch.dispatcher.socket, cursor)).reload).toBe(true);
      });
    });
  });

  /**
   * A change that takes a case out of a scope (an approved return takes it from the department) reaches the
   * rooms it left as `case.changed` with `left: true`, so their live boards drop it; board.sync answers it the
   * same way to a department's board that was away.
   */
  describe('a case that leaves a scope', () => {
    let returned: CaseDetailDto;
    let handlerFrom: number;
    let handlerSnapshot: BoardSnapshot;

    beforeAll(async () => {
      const handlerWatch = watch['handler-sanitation-1'];
      const reported = await report(inspector, centreOf(GRID), GARBAGE, { photos: [image] });
      expect(reported.status).toBe(201);
      await handlerWatch.changes.next((e) => e.id === reported.body.id && e.status === 'DISPATCHED');
      handlerSnapshot = await snapshotOf(handlerWatch.client);
      handlerFrom = handlerWatch.changes.seen.length;
      const asked = await act(handler, await get(reported.body.id), 'request_return', {
        opinion: '不属于本部门职责',
      });
      expect(asked.status).toBe(200);
      await handlerWatch.changes.next((e) => e.id === reported.body.id && e.version === asked.body.version);
      const approved = await act(dispatcher, asked.body, 'approve_return');
      expect(approved.status).toBe(200);
      returned = approved.body;
      // The center has heard it, so it went out before the markers.
      await watch.dispatcher.changes.next((e) => e.id === returned.id && e.version === returned.version);
      await markWatchers('handler-sanitation-1', 'deptmgr-sanitation');
    });

    it('sends a returned case back to the center, whose board hears it, and out of the department’s snapshot', async () => {
      expect(returned).toMatchObject({ status: 'PENDING_DISPATCH', departmentId: null });
      expect(handlerSnapshot.cases.map((c) => c.id)).toContain(returned.id);
      expect(watch.dispatcher.changes.versionOf(returned.id)).toBe(returned.version);
      const reloaded = await snapshotOf(watch['handler-sanitation-1'].client);
      expect(reloaded.cases.map((c) => c.id)).not.toContain(returned.id);
    });

    it('tells a department’s board that catches up that a returned case left it', async () => {
      const socket = await openSocket(watch['handler-sanitation-1'].client.token);
      const missed = await sync(socket, handlerSnapshot.seq);
      expect(missed.reload).toBe(false);
      expect(missed.changes.find((c) => c.id === returned.id)).toMatchObject({
        left: true,
        version: returned.version,
      });
      const caughtUp = plain(applyChanges(stateOf(handlerSnapshot.cases), missed.changes));
      expect(Object.keys(caughtUp)).not.toContain(returned.id);
      socket.disconnect();
    });

    it('tells the department’s live boards that a returned case left them', async () => {
      for (const who of ['handler-sanitation-1', 'deptmgr-sanitation'] as const) {
        expect({ who, version: watch[who].changes.versionOf(returned.id) }).toEqual({
          who,
          version: returned.version,
        });
      }
      const stayed = plain(
        applyChanges(
          stateOf(handlerSnapshot.cases),
          watch['handler-sanitation-1'].changes.events.slice(handlerFrom),
        ),
      );
      const reloaded = plain(stateOf((await snapshotOf(watch['handler-sanitation-1'].client)).cases));
      expect(stayed).toEqual(reloaded);
    });
  });

  /**
   * A change that commits after a later-numbered one: a cursor read between the two stays below the first, so a
   * client catching up from it still gets that change. A transaction held open stands in for a slow one.
   */
  describe('a change that commits after a later-numbered one', () => {
    let late: { id: string; seq: string; version: number };
    let cursor: string;

    beforeAll(async () => {
      const slow = dataSource.createQueryRunner();
      await slow.connect();
      await slow.startTransaction();
      try {
        const [[row]] = await slow.query(
          `UPDATE cases SET version = version + 1 WHERE id = $1
           RETURNING id, change_seq::text AS seq, version`,
          [call.id],
        );
        late = row;
        // A later-numbered change commits first, and a client reads its cursor.
        await callIn(GRID, watch['gm-1'].changes);
        cursor = (await snapshotOf(watch['gm-1'].client)).seq;
        await slow.commitTransaction();
      } finally {
        await slow.release();
      }
    });

    it('keeps the cursor below the change still in flight', () => {
      expect(BigInt(cursor)).toBeLessThan(BigInt(late.seq));
    });

    it('gives the late change to a client catching up from that cursor', async () => {
      const missed = await sync(watch['gm-1'].socket, cursor);
      expect(missed.changes.find((c) => c.id === late.id)).toMatchObject({ version: late.version });
    });
  });

  describe('board.counts', () => {
    it('answers each client’s own scope on demand', async () => {
      for (const who of ['gm-1', 'gm-2', 'dispatcher', 'handler-sanitation-1'] as const) {
        const counts = await countsOf(watch[who].socket);
        const { asOf, ...rest } = counts;
        expect({ who, counts: rest }).toEqual({
          who,
          counts: tally((await snapshotOf(watch[who].client)).cases),
        });
        expect(Date.parse(asOf)).not.toBeNaN();
      }
      const gm1 = await countsOf(watch['gm-1'].socket);
      const all = await countsOf(watch.dispatcher.socket);
      const total = (c: typeof gm1) => Object.values(c.byStatus).reduce((a, b) => a + b, 0);
      expect(total(gm1)).toBeLessThan(total(all));
      expect(Object.keys(gm1.byStreet)).toEqual([GRID.slice(0, 9)]);
    });

    it('pushes city-wide counts to the board room every few seconds, and to no one else', async () => {
      const pushed = new BoardRecorder(watch.dispatcher.socket, 'board.counts');
      const notPushed = new BoardRecorder(watch['gm-1'].socket, 'board.counts');
      const started = Date.now();
      const first = await pushed.next(() => true, 6000);
      expect(Date.now() - started).toBeLessThan(6000);
      const { asOf, ...counts } = first;
      expect(Date.parse(asOf)).not.toBeNaN();
      expect(counts).toEqual(tally((await snapshotOf(dispatcher)).cases));
      // The push went out before this marker did: gm-1 would have it by now.
      await markWatchers('gm-1');
      expect(notPushed.events).toEqual([]);
    });
  });

  describe('ending access', () => {
    const disconnectedAt = async (socket: BoardSocket) => {
      const closed = await disconnection(socket, 5000);
      expect(closed.reason).toBe('io server disconnect');
      return closed.at;
    };

    it('closes the socket of a session that logs out, and refuses its token afterwards', async () => {
      const [first, second] = await Promise.all([signIn(api.url, 'gm-1'), signIn(api.url, 'gm-1')]);
      const [ending, staying] = await Promise.all([openSocket(first.token), openSocket(second.token)]);
      const closed = disconnectedAt(ending);
      expect((await first.post('/api/v1/auth/logout')).status).toBe(204);
      await closed;
      // The same user's other session keeps its socket.
      expect((await countsOf(staying)).byStreet).toBeDefined();
      expect(staying.connected).toBe(true);
      expect((await refusal(api.url, first.token)).message).toBe('SESSION_ENDED');
    });

    it('closes a disabled user’s sockets, and a changed user’s, which come back with the new scope', async () => {
      const created = await admin.post<{ id: string }>('/api/v1/users', {
        username: 'board-watcher',
        displayName: '看板观察员',
        password: 'a-long-password-1',
        roles: ['grid_manager'],
        areaCodes: [ANOTHER_STREET],
      });
      expect(created.status).toBe(201);
      const watcher = await signIn(api.url, 'board-watcher', 'a-long-password-1');
      const before = await openSocket(watcher.token);
      const beforeLog = new CaseChangeRecorder(before);
      expect((await sync(before, 0)).changes.map((c) => c.gridCode)).not.toContain(RESPONSIBILITY_GRID);

      // A new scope: the socket closes, and the same token comes back in the new scope's rooms.
      const moved = disconnectedAt(before);
      const patched = await admin.patch(`/api/v1/users/${created.body.id}`, {
        areaCodes: [GRID.slice(0, 9)],
      });
      expect(patched.status).toBe(200);
      await moved;
      const after = await openSocket(watcher.token);
      const afterLog = new CaseChangeRecorder(after);
      const next = await callIn(GRID, afterLog);
      expect(afterLog.ids()).toEqual([next.id]);
      expect(beforeLog.ids()).toEqual([]);

      const gone = disconnectedAt(after);
      expect((await admin.delete(`/api/v1/users/${created.body.id}`)).status).toBe(204);
      await gone;
      expect((await refusal(api.url, watcher.token)).message).toBe('SESSION_ENDED');
    });

    it('closes a socket when its access token expires, and refuses the expired token', async () => {
      const jwt = api.app.get(JwtService, { strict: false });
      const { sub, sid } = jwt.decode<{ sub: string; sid: string }>(watch['gm-1'].client.token!);
      const shortLived = await jwt.signAsync({ sub, sid }, { expiresIn: 2 });
      const { exp } = jwt.decode<{ exp: number }>(shortLived);
      const socket = await openSocket(shortLived);
      const at = await disconnectedAt(socket);
      // Closed at expiry, not before (timers may fire a millisecond early against Date.now()).
      expect(at).toBeGreaterThanOrEqual(exp * 1000 - 5);
      expect((await refusal(api.url, shortLived)).message).toBe('TOKEN_EXPIRED');
      // The session itself lives on.
      expect(watch['gm-1'].socket.connected).toBe(true);
      expect((await snapshotOf(watch['gm-1'].client)).cases.length).toBeGreaterThan(0);
    });
  });
});

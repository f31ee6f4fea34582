import { AdvisoryLock, lockedTransaction } from '@citygrid/common';
import { bboxOf, geometryAreaM2, Crs } from '@citygrid/areas';
import { seedCalendar } from '@citygrid/calendar';
import { seedCatalogueIfEmpty } from '@citygrid/catalogue';
import { NodeEnv, type AppConfig } from '@citygrid/config';
import { databaseOptions } from '@citygrid/database';
import { PasswordHasher } from '@citygrid/users';
import { DataSource, type EntityManager } from 'typeorm';
import { DEMO_PASSWORD, generateDemoCity, type DemoArea, type DemoCity } from './demo-city';

export class DemoSeedRefusedError extends Error {
  constructor() {
    super(
      'The demo city is never seeded when NODE_ENV=production: it would create users with a known password',
    );
    this.name = 'DemoSeedRefusedError';
  }
}

export interface DemoSeedSummary {
  districts: number;
  streets: number;
  communities: number;
  unitGrids: number;
  responsibilityGrids: number;
  departments: number;
  routingRules: number;
  users: string[];
}

/** Column values every area layer stores, from a generated area. */
function areaRow(area: DemoArea) {
  const [minLng, minLat, maxLng, maxLat] = bboxOf(area.geometry);
  return {
    code: area.code,
    name: area.name,
    geometry: area.geometry,
    min_lng: minLng,
    min_lat: minLat,
    max_lng: maxLng,
    max_lat: maxLat,
    area_m2: geometryAreaM2(area.geometry),
    source_crs: Crs.WGS84,
  };
}

const AREA_COLUMNS =
  'code text, name text, geometry jsonb, min_lng float8, min_lat float8, max_lng float8, max_lat float8, area_m2 float8, source_crs text';

/** Inserts rows in one statement: the JSON array is expanded by PostgreSQL (fast, no per-row round trips). */
async function insert(manager: EntityManager, table: string, columns: string, rows: object[]): Promise<void> {
  const names = columns
    .split(',')
    .map((column) => column.trim().split(' ')[0])
    .join(', ');
  await manager.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1) AS r(${columns})`,
    [JSON.stringify(rows)],
  );
}

/**
 * Seeds the demo city into an empty database and returns what it made, or null when the database already has
 * areas or users. Refuses in production. Runs under an advisory lock so processes starting together seed once.
 */
export async function seedDemoCityIfEmpty(
  dataSource: DataSource,
  nodeEnv: NodeEnv,
): Promise<DemoSeedSummary | null> {
  if (nodeEnv === NodeEnv.Production) throw new DemoSeedRefusedError();
  return lockedTransaction(dataSource, AdvisoryLock.DemoSeed, async (manager) => {
    const [{ used }] = await manager.query(
      'SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM districts) AS used',
    );
    if (used) return null;
    return seed(manager, generateDemoCity());
  });
}

async function seed(manager: EntityManager, city: DemoCity): Promise<DemoSeedSummary> {
  await insert(manager, 'districts', AREA_COLUMNS, city.districts.map(areaRow));
  await insert(
    manager,
    'streets',
    `${AREA_COLUMNS}, district_code text`,
    city.streets.map((s) => ({ ...areaRow(s), district_code: s.code.slice(0, 6) })),
  );
  await insert(
    manager,
    'communities',
    `${AREA_COLUMNS}, street_code text`,
    city.communities.map((c) => ({ ...areaRow(c), street_code: c.code.slice(0, 9) })),
  );
  await insert(
    manager,
    'responsibility_grids',
    `${AREA_COLUMNS}, street_code text`,
    city.responsibilityGrids.map((g) => ({ ...areaRow(g), street_code: g.code.slice(0, 9) })),
  );
  await insert(
    manager,
    'unit_grids',
    `${AREA_COLUMNS}, community_code text, responsibility_grid_code text, area_class text`,
    city.unitGrids.map((u) => ({
      ...areaRow(u),
      community_code: u.code.slice(0, 12),
      responsibility_grid_code: u.responsibilityGridCode,
      area_class: u.areaClass,
    })),
  );
  // Parents first, so sub-units can look theirs up by code.
  for (const department of city.departments) {
    await manager.query(
      `INSERT INTO departments (code, name, family, parent_id, area_codes)
       VALUES ($1, $2, $3, (SELECT id FROM departments WHERE code = $4), $5)`,
      [department.code, department.name, department.family, department.parentCode, department.areaCodes],
    );
  }
  await manager.query(
    `INSERT INTO routing_rules (position, name, family, area_code, window_start, window_end, department_id, auto_dispatch)
     SELECT r.position, r.name, r.family, r.area_code, r.window_start, r.window_end, d.id, r.auto_dispatch
     FROM jsonb_to_recordset($1) AS r(position int, name text, family text, area_code text, window_start text,
       window_end text, department_code text, auto_dispatch boolean)
     JOIN departments d ON d.code = r.department_code`,
    [
      JSON.stringify(
        city.routingRules.map((rule, i) => ({
          position: i + 1,
          name: rule.name,
          family: rule.family,
          area_code: rule.areaCode,
          window_start: rule.windowStart,
          window_end: rule.windowEnd,
          department_code: rule.departmentCode,
          auto_dispatch: rule.autoDispatch,
        })),
      ),
    ],
  );
  // One hash for all: every demo user has the same published password anyway, and argon2 is slow on purpose.
  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  await manager.query(
    `INSERT INTO users (username, display_name, password_hash, roles, department_id)
     SELECT r.username, r.display_name, $2, r.roles, d.id
     FROM jsonb_to_recordset($1) AS r(username text, display_name text, roles text[], department_code text)
     LEFT JOIN departments d ON d.code = r.department_code`,
    [
      JSON.stringify(
        city.users.map((u) => ({
          username: u.username,
          display_name: u.displayName,
          roles: u.roles,
          department_code: u.departmentCode,
        })),
      ),
      passwordHash,
    ],
  );
  const staff = city.responsibilityGrids.map((g) => ({
    grid: g.code,
    manager: g.manager,
    inspectors: g.inspectors,
  }));
  await manager.query(
    `UPDATE responsibility_grids rg SET manager_id = u.id
     FROM jsonb_to_recordset($1) AS r(grid text, manager text) JOIN users u ON u.username = r.manager
     WHERE rg.code = r.grid`,
    [JSON.stringify(staff)],
  );
  await manager.query(
    `INSERT INTO responsibility_grid_inspectors (responsibility_grid_code, user_id)
     SELECT r.grid, u.id FROM jsonb_to_recordset($1) AS r(grid text, inspectors text[])
     CROSS JOIN LATERAL unnest(r.inspectors) AS i(username) JOIN users u ON u.username = i.username`,
    [JSON.stringify(staff)],
  );
  return {
    districts: city.districts.length,
    streets: city.streets.length,
    communities: city.communities.length,
    unitGrids: city.unitGrids.length,
    responsibilityGrids: city.responsibilityGrids.length,
    departments: city.departments.length,
    routingRules: city.routingRules.length,
    users: city.users.map((u) => u.username),
  };
}

/** The lines printed at first start: what was made and how to sign in. */
export function describeDemoSeed(summary: DemoSeedSummary): string {
  const groups = new Map<string, string[]>();
  for (const username of summary.users) {
    const group = username.replace(/-\d+$/, '-<n>');
    groups.set(group, [...(groups.get(group) ?? []), username]);
  }
  const names = [...groups.values()].map((members) =>
    members.length === 1 ? members[0] : `${members[0]}…${members[members.length - 1]}`,
  );
  return [
    `Seeded the demo city: ${summary.districts} districts, ${summary.streets} streets, ${summary.communities} communities, ` +
      `${summary.unitGrids} unit grids, ${summary.responsibilityGrids} responsibility grids, ` +
      `${summary.departments} departments, ${summary.routingRules} routing rules, ${summary.users.length} users.`,
    `Demo users (password "${DEMO_PASSWORD}"): ${names.join(', ')}`,
  ].join('\n');
}

/**
 * Seeds through a short-lived connection of its own, before the apps start (`npm start`, `npm run seed:demo`):
 * the shipped catalogue and calendar (which every process also ensures at start), then the demo city.
 */
export async function seedDemoCityFor(config: AppConfig): Promise<DemoSeedSummary | null> {
  if (config.NODE_ENV === NodeEnv.Production) throw new DemoSeedRefusedError();
  const options = databaseOptions(config, 'seed');
  const dataSource = await new DataSource({ ...options, extra: { ...options.extra, max: 1 } }).initialize();
  try {
    await seedCatalogueIfEmpty(dataSource);
    await seedCalendar(dataSource);
    return await seedDemoCityIfEmpty(dataSource, config.NODE_ENV);
  } finally {
    await dataSource.destroy();
  }
}

import { AreaClass, type AreaGeometry } from '@citygrid/areas';
import { Role } from '@citygrid/common';
import { MatterFamily } from '@citygrid/departments';

/**
 * A believable demo city, generated (no downloads): two districts of a Hangzhou-like city, each cut into two
 * streets of five communities; 2,000 unit grids of about 100 m × 100 m (50 columns × 40 rows) numbered
 * west→east, north→south inside each community; responsibility grids of 20 unit grids (5 × 4), each with a
 * grid manager and an inspector; one department per matter family with a sub-unit per district.
 */
export const DEMO_PASSWORD = 'citygrid';

const ORIGIN = { lng: 120.1, lat: 30.3 }; // north-west corner
const COLUMNS = 50;
const ROWS = 40;
// 100 m in degrees at this latitude (reference ellipsoid radii; good to a few centimetres here).
const DX = 100 / ((Math.PI / 180) * 6378137 * Math.cos((30.28 * Math.PI) / 180));
const DY = 100 / 110_574;

const DISTRICTS = [
  { code: '330191', name: '云河区', columns: [0, 25] },
  { code: '330192', name: '青山区', columns: [25, 50] },
];
const STREET_NAMES = [
  ['望江街道', '清波街道'],
  ['湖墅街道', '半山街道'],
];
const COMMUNITY_NAMES = ['桂花', '梧桐', '樟树', '银杏', '玉兰', '紫荆', '海棠', '杜鹃', '茉莉', '翠竹'];
const COMMUNITY_COLUMNS = 5;
const GRID_BLOCK = { columns: 5, rows: 4 };

export const DEMO_FAMILIES: Array<{ family: MatterFamily; key: string; name: string; unit: string }> = [
  { family: MatterFamily.Sanitation, key: 'sanitation', name: '市环境卫生管理中心', unit: '环卫所' },
  { family: MatterFamily.LawEnforcement, key: 'enforcement', name: '市城市管理综合执法局', unit: '执法中队' },
  { family: MatterFamily.TrafficPolice, key: 'traffic', name: '市公安局交通警察支队', unit: '交警大队' },
  {
    family: MatterFamily.MunicipalFacilities,
    key: 'municipal',
    name: '市市政设施管理中心',
    unit: '市政养护所',
  },
  { family: MatterFamily.Landscaping, key: 'landscaping', name: '市园林绿化管理局', unit: '园林所' },
  { family: MatterFamily.Utilities, key: 'utilities', name: '市公用事业管理中心', unit: '公用事业服务站' },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
];
const personName = (n: number) =>
  SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length];

export interface DemoArea {
  code: string;
  name: string;
  geometry: AreaGeometry;
}
export interface DemoUnitGrid extends DemoArea {
  areaClass: AreaClass;
  responsibilityGridCode: string;
}
export interface DemoResponsibilityGrid extends DemoArea {
  unitGridCodes: string[];
  manager: string;
  inspectors: string[];
}
export interface DemoDepartment {
  code: string;
  name: string;
  family: MatterFamily;
  parentCode: string | null;
  areaCodes: string[];
}
export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode: string | null;
}
export interface DemoRoutingRule {
  name: string;
  family: MatterFamily;
  areaCode: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  departmentCode: string;
  autoDispatch: boolean;
}
export interface DemoCity {
  districts: DemoArea[];
  streets: DemoArea[];
  communities: DemoArea[];
  unitGrids: DemoUnitGrid[];
  responsibilityGrids: DemoResponsibilityGrid[];
  departments: DemoDepartment[];
  users: DemoUser[];
  routingRules: DemoRoutingRule[];
}

// Every grid line computed once, so neighbouring polygons share bit-identical edges.
const round = (value: number) => Math.round(value * 1e7) / 1e7;
const xs = Array.from({ length: COLUMNS + 1 }, (_, c) => round(ORIGIN.lng + c * DX));
const ys = Array.from({ length: ROWS + 1 }, (_, r) => round(ORIGIN.lat - r * DY));

/** Columns c0..c1 and rows r0..r1 (exclusive ends, rows counted from the north) as a counter-clockwise ring. */
function rectangle(c0: number, c1: number, r0: number, r1: number): AreaGeometry {
  const [w, e, n, s] = [xs[c0], xs[c1], ys[r0], ys[r1]];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

const pad3 = (n: number) => String(n).padStart(3, '0');

export function generateDemoCity(): DemoCity {
  const city: DemoCity = {
    districts: [],
    streets: [],
    communities: [],
    unitGrids: [],
    responsibilityGrids: [],
    departments: [],
    users: [],
    routingRules: [],
  };
  let communityName = 0;
  let gridNumber = 0;
  DISTRICTS.forEach((district, d) => {
    const [c0, c1] = district.columns;
    city.districts.push({ code: district.code, name: district.name, geometry: rectangle(c0, c1, 0, ROWS) });
    STREET_NAMES[d].forEach((streetName, s) => {
      const street = district.code + pad3(s + 1);
      const [r0, r1] = [s * (ROWS / 2), (s + 1) * (ROWS / 2)];
      city.streets.push({ code: street, name: streetName, geometry: rectangle(c0, c1, r0, r1) });
      let streetGrid = 0;
      for (let k = 0; (c1 - c0) / COMMUNITY_COLUMNS > k; k++) {
        const community = street + pad3(k + 1);
        const cc0 = c0 + k * COMMUNITY_COLUMNS;
        const name = `${COMMUNITY_NAMES[communityName++ % COMMUNITY_NAMES.length]}${communityName > 10 ? '二' : ''}社区`;
        city.communities.push({
          code: community,
          name,
          geometry: rectangle(cc0, cc0 + COMMUNITY_COLUMNS, r0, r1),
        });
        const blocks: DemoResponsibilityGrid[] = [];
        for (let br = r0; br < r1; br += GRID_BLOCK.rows) {
          const grid = `${street}R${pad3(++streetGrid)}`;
          const n = ++gridNumber;
          blocks.push({
            code: grid,
            name: `${name}第${streetGrid}责任网格`,
            geometry: rectangle(cc0, cc0 + COMMUNITY_COLUMNS, br, br + GRID_BLOCK.rows),
            unitGridCodes: [],
            manager: `gm-${n}`,
            inspectors: [`inspector-${n}`],
          });
        }
        city.responsibilityGrids.push(...blocks);
        for (let r = r0; r < r1; r++) {
          for (let c = cc0; c < cc0 + COMMUNITY_COLUMNS; c++) {
            const sequence = (r - r0) * COMMUNITY_COLUMNS + (c - cc0) + 1;
            const code = community + pad3(sequence);
            const grid = blocks[Math.floor((r - r0) / GRID_BLOCK.rows)];
            grid.unitGridCodes.push(code);
            city.unitGrids.push({
              code,
              name: `${name}${pad3(sequence)}号网格`,
              geometry: rectangle(c, c + 1, r, r + 1),
              // The first street of each district is its core (A); the band along the city's east edge is fringe (C).
              areaClass: s === 0 ? AreaClass.A : c >= COLUMNS - 5 ? AreaClass.C : AreaClass.B,
              responsibilityGridCode: grid.code,
            });
          }
        }
      }
    });
  });

  const center: Array<[string, Role]> = [
    ['admin', Role.Admin],
    ['dispatcher', Role.Dispatcher],
    ['shiftleader', Role.ShiftLeader],
    ['acceptor', Role.Acceptor],
    ['supervisor', Role.Supervisor],
  ];
  for (const [username, role] of center) {
    city.users.push({
      username,
      displayName: personName(city.users.length + 3),
      roles: [role],
      departmentCode: null,
    });
  }
  city.responsibilityGrids.forEach((grid, i) => {
    city.users.push({
      username: grid.manager,
      displayName: personName(2 * i),
      roles: [Role.GridManager],
      departmentCode: null,
    });
    city.users.push({
      username: grid.inspectors[0],
      displayName: personName(2 * i + 1),
      roles: [Role.Inspector],
      departmentCode: null,
    });
  });
  for (const { family, key, name, unit } of DEMO_FAMILIES) {
    city.departments.push({ code: key, name, family, parentCode: null, areaCodes: [] });
    DISTRICTS.forEach((district, d) => {
      const code = `${key}-${district.code}`;
      city.departments.push({
        code,
        name: district.name + unit,
        family,
        parentCode: key,
        areaCodes: [district.code],
      });
      city.users.push({
        username: `handler-${key}-${d + 1}`,
        displayName: personName(city.users.length + 7),
        roles: [Role.Handler],
        departmentCode: code,
      });
    });
    city.users.push({
      username: `deptmgr-${key}`,
      displayName: personName(city.users.length + 7),
      roles: [Role.DeptManager],
      departmentCode: key,
    });
  }

  city.routingRules = routingRules();
  return city;
}

/**
 * Rules for every matter family, tried in order: at night traffic matters go to the city's traffic police
 * duty desk; otherwise each district's sub-unit takes its district (sanitation dispatched without waiting for a
 * dispatcher); anything else goes to the family's city department. Matters of no family go to law enforcement.
 */
function routingRules(): DemoRoutingRule[] {
  const rule = (
    name: string,
    family: MatterFamily,
    departmentCode: string,
    extra: Partial<DemoRoutingRule> = {},
  ) => ({
    name,
    family,
    departmentCode,
    areaCode: null,
    windowStart: null,
    windowEnd: null,
    autoDispatch: false,
    ...extra,
  });
  const traffic = DEMO_FAMILIES.find((f) => f.family === MatterFamily.TrafficPolice)!;
  return [
    rule(`${traffic.name}夜间值班`, traffic.family, traffic.key, {
      windowStart: '22:00',
      windowEnd: '07:00',
    }),
    ...DEMO_FAMILIES.flatMap(({ family, key, unit }) =>
      DISTRICTS.map((district) =>
        rule(`${district.name}${unit}`, family, `${key}-${district.code}`, {
          areaCode: district.code,
          autoDispatch: family === MatterFamily.Sanitation,
        }),
      ),
    ),
    ...DEMO_FAMILIES.map(({ family, key, name }) => rule(name, family, key)),
    rule('其他事项', MatterFamily.Other, 'enforcement'),
  ];
}

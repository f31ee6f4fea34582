import { TimeUnit } from '@citygrid/calendar';
import { MatterFamily } from '@citygrid/departments';
import { MatterKind, type FilingConditionSeed, type MatterSeed } from '../catalogue-types';
import { STANDING, componentDefaults, limit, yuncheng, type ConditionSpec } from './condition-helpers';

const { Utilities, MunicipalFacilities, Sanitation, Landscaping, LawEnforcement, TrafficPolice, Other } =
  MatterFamily;

/**
 * One component matter "<component>异常". `conditions` is either a default profile (letters of
 * COMPONENT_PATTERN, e.g. 'SLDXA') or conditions taken from a source.
 */
function component(
  code: string,
  componentZh: string,
  componentEn: string,
  family: MatterFamily,
  conditions: string | FilingConditionSeed[],
  legacyCode2013: string | null = null,
): MatterSeed {
  return {
    kind: MatterKind.Component,
    code,
    majorCode: code.slice(0, 2),
    nameZh: `${componentZh}异常`,
    nameEn: `${componentEn} abnormal`,
    legacyCode2013,
    family,
    filingConditions: typeof conditions === 'string' ? componentDefaults(conditions) : conditions,
  };
}

/** Profiles used below besides STANDING ('SLDXA'). */
const COVER = 'KD';
const STRUCTURE = 'SDX';
const STRUCTURE_ABANDONABLE = 'SDXA';
const TREE = 'SLT';

/**
 * The Yuncheng cover row (reference/domain.md §2.2, 01-01 上水井盖 and its identical rows). `brokenLimit` is
 * condition (b)'s limit: 4 working hours, or 1 working day for street-lighting covers.
 */
function coverConditions(
  brokenLimit = limit(4, TimeUnit.WORK_HOUR),
  [thingZh, thingEn] = ['井盖', 'cover'],
): ConditionSpec[] {
  return [
    {
      filingZh: `${thingZh}缺失、移位或破裂，存在安全隐患`,
      filingEn: `${capitalize(thingEn)} missing, displaced or cracked, posing a safety hazard`,
      closingZh: '已恢复',
      closingEn: 'Restored',
      limit: limit(2, TimeUnit.URGENT_HOUR),
    },
    {
      filingZh: `${thingZh}破损面积大于25平方厘米`,
      filingEn: `Broken area of the ${thingEn} larger than 25 cm²`,
      closingZh: '已更换或修复',
      closingEn: 'Replaced or repaired',
      limit: brokenLimit,
    },
    {
      filingZh: `车辆碾压时${thingZh}响动或翻转`,
      filingEn: `${capitalize(thingEn)} rattles or flips when driven over`,
      closingZh: '已更换或修复',
      closingEn: 'Replaced or repaired',
      limit: limit(2, TimeUnit.WORK_DAY),
    },
    {
      filingZh: `${thingZh}周边150厘米×150厘米范围内路面沉陷、凸起或破损，或井框与路面高差大于2厘米`,
      filingEn: `Pavement within 150 cm × 150 cm around the ${thingEn} sunken, raised or broken, or the frame more than 2 cm above or below the road surface`,
      closingZh: '已修复',
      closingEn: 'Repaired',
      limit: limit(5, TimeUnit.WORK_DAY),
    },
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const yunchengCover = () => yuncheng(...coverConditions());

/**
 * Street-lighting covers: the reference gives only their deviating (b) limit (1 working day) in the cover row;
 * (a), (c) and (d) are assumed to be the same as for the other covers.
 */
const yunchengStreetLightingCover = () => yuncheng(...coverConditions(limit(1, TimeUnit.WORK_DAY)));

/** Storm-drain grate: "as covers, plus blocked ≥ 1/3" (1 working day, unblocked). */
const YUNCHENG_GRATE = yuncheng(...coverConditions(undefined, ['雨水箅子', 'grate']), {
  filingZh: '雨水箅子堵塞面积达到三分之一及以上',
  filingEn: 'Grate blocked over one third or more of its area',
  closingZh: '已疏通',
  closingEn: 'Unblocked',
  limit: limit(1, TimeUnit.WORK_DAY),
});

const YUNCHENG_STREET_LAMP = yuncheng(
  {
    filingZh: '路灯倾斜、倒伏或灯杆断裂',
    filingEn: 'Lamp post leaning, fallen or broken',
    closingZh: '已扶正、修复或更换',
    closingEn: 'Straightened, repaired or replaced',
    limit: limit(1, TimeUnit.WORK_DAY),
    urgent: true,
  },
  {
    filingZh: '灯具、灯杆部件破损、缺失或电线裸露',
    filingEn: 'Lamp or post parts damaged or missing, or wires exposed',
    closingZh: '已修复或更换',
    closingEn: 'Repaired or replaced',
    limit: limit(1, TimeUnit.WORK_DAY),
    urgent: true,
  },
  {
    filingZh: '单灯不亮',
    filingEn: 'A single lamp is out',
    closingZh: '已修复',
    closingEn: 'Repaired and lit',
    limit: limit(2, TimeUnit.WORK_DAY),
  },
  {
    filingZh: '灯杆严重锈蚀',
    filingEn: 'Lamp post badly rusted',
    closingZh: '已除锈刷漆或更换',
    closingEn: 'Rust removed and repainted, or replaced',
    limit: limit(2, TimeUnit.WORK_DAY),
  },
  {
    filingZh: '开灯、关灯时间不符合规定',
    filingEn: 'Lamps switched on or off at the wrong times',
    closingZh: '已调整',
    closingEn: 'Switching times corrected',
    limit: limit(2, TimeUnit.WORK_HOUR),
  },
  {
    filingZh: '废弃灯杆或灯杆基座残留',
    filingEn: 'Abandoned lamp post or stump left in place',
    closingZh: '已拆除',
    closingEn: 'Removed',
    limit: limit(3, TimeUnit.WORK_DAY),
  },
);

/**
 * The 153 component matters 01001–05009 (附录A of GB/T 47678.5-2026, reference/domain.md §2.4). Legacy codes
 * are given only where the reference names the Yuncheng / GB/T 30428.2-2013 code (the cover row, the storm
 * drain grate and the street lamp).
 */
export const COMPONENT_MATTERS: MatterSeed[] = [
  // 01 市政公用设施
  component('01001', '供水井盖', 'Water-supply manhole cover', Utilities, yunchengCover(), '01-01'),
  component('01002', '污水井盖', 'Sewer manhole cover', MunicipalFacilities, yunchengCover(), '01-02'),
  component('01003', '雨水井盖', 'Storm-water manhole cover', MunicipalFacilities, yunchengCover(), '01-03'),
  component('01004', '雨水箅子', 'Storm-drain grate', MunicipalFacilities, YUNCHENG_GRATE, '01-04'),
  component('01005', '电力井盖', 'Power manhole cover', Utilities, COVER),
  component(
    '01006',
    '路灯井盖',
    'Street-lighting manhole cover',
    MunicipalFacilities,
    yunchengStreetLightingCover(),
  ),
  component('01007', '通信井盖', 'Telecom manhole cover', Utilities, COVER),
  component('01008', '电视井盖', 'Cable-TV manhole cover', Utilities, COVER),
  component('01009', '网络井盖', 'Data-network manhole cover', Utilities, COVER),
  component('01010', '热力井盖', 'District-heating manhole cover', Utilities, yunchengCover(), '01-10'),
  component('01011', '燃气井盖', 'Gas manhole cover', Utilities, yunchengCover(), '01-11'),
  component('01012', '公安井盖', 'Police manhole cover', Other, COVER),
  component('01013', '消防设施', 'Fire-fighting facility', Other, STANDING),
  component('01014', '园林井盖', 'Landscaping manhole cover', Landscaping, yunchengCover(), '01-14'),
  component('01015', '信号灯电源井盖', 'Traffic-signal power manhole cover', TrafficPolice, COVER),
  // 01016 is not a code in GB/T 47678.5-2026.
  component('01017', '电缆井盖', 'Cable manhole cover', Utilities, COVER),
  component('01018', '化粪池井盖', 'Septic-tank manhole cover', Sanitation, yunchengCover(), '01-18'),
  component('01019', '中水井盖', 'Reclaimed-water manhole cover', Utilities, COVER),
  component('01020', '公交井盖', 'Public-transport manhole cover', Other, COVER),
  component('01021', '输油（气）井盖', 'Oil (gas) pipeline manhole cover', Utilities, COVER),
  component('01022', '特殊井盖', 'Special-purpose manhole cover', Other, COVER),
  component(
    '01023',
    '不明井盖',
    'Manhole cover of unknown owner',
    MunicipalFacilities,
    yunchengCover(),
    '01-23',
  ),
  component('01024', '水井', 'Water well', Utilities, 'SDA'),
  component('01025', '供水器', 'Water supply point', Utilities, STANDING),
  component('01026', '沟槽盖板', 'Trench cover plate', MunicipalFacilities, COVER),
  component('01027', '通信交接箱', 'Telecom cross-connect cabinet', Utilities, STANDING),
  component('01028', '电力设施', 'Power facility', Utilities, STANDING),
  component('01029', '电力设施标识牌', 'Power facility sign', Utilities, STANDING),
  component('01030', '电力立杆', 'Power pole', Utilities, STANDING),
  component('01031', '通信立杆', 'Telecom pole', Utilities, STANDING),
  component('01032', '公交立杆', 'Public-transport pole', Other, STANDING),
  component('01033', '特殊立杆', 'Special-purpose pole', Other, STANDING),
  component('01034', '不明立杆', 'Pole of unknown owner', MunicipalFacilities, STANDING),
  component('01035', '旗杆', 'Flagpole', Other, STANDING),
  component('01036', '输油（气）标志', 'Oil (gas) pipeline marker', Utilities, STANDING),
  component('01037', '路灯', 'Street lamp', MunicipalFacilities, YUNCHENG_STREET_LAMP, '01-37'),
  component('01038', '地灯', 'In-ground light', MunicipalFacilities, 'SDA'),
  component('01039', '景观灯', 'Decorative light', MunicipalFacilities, STANDING),
  component('01040', '报刊亭', 'Newsstand', Other, STANDING),
  component('01041', '电话亭', 'Telephone booth', Utilities, STANDING),
  component('01042', '邮筒', 'Post box', Other, STANDING),
  component('01043', '信息亭', 'Information kiosk', Other, STANDING),
  component('01044', '售货亭', 'Sales kiosk', Other, STANDING),
  component('01045', '自动售货机', 'Vending machine', Other, STANDING),
  component('01046', '户外健身设施', 'Outdoor fitness equipment', Other, STANDING),
  component('01047', '高压线铁塔', 'High-voltage transmission tower', Utilities, STANDING),
  component('01048', '变压器（箱）', 'Transformer (box)', Utilities, STANDING),
  component('01049', '燃气调压站（箱）', 'Gas pressure-regulating station (box)', Utilities, STANDING),
  component('01050', '监控电子眼设施', 'Surveillance camera', Other, STANDING),
  component('01051', '治安岗亭', 'Police sentry box', Other, STANDING),
  component('01052', '休息亭', 'Rest pavilion', Other, STANDING),
  component('01053', '自助缴费机', 'Self-service payment machine', Other, STANDING),
  component('01054', '充电桩', 'EV charging point', Utilities, STANDING),
  component('01055', '防蚊闸', 'Anti-mosquito drain flap', MunicipalFacilities, 'DA'),
  component('01056', '跨河管道', 'River-crossing pipeline', Utilities, STRUCTURE_ABANDONABLE),
  component('01057', '露天燃气管道', 'Above-ground gas pipeline', Utilities, STRUCTURE_ABANDONABLE),
  component('01058', '晒衣架', 'Clothes-drying rack', Other, STANDING),
  component('01059', '旧衣物回收箱', 'Used-clothing collection bin', Other, STANDING),
  component('01060', '路灯配电箱', 'Street-lighting distribution box', MunicipalFacilities, STANDING),
  component('01061', '露天供热管道', 'Above-ground heating pipeline', Utilities, STRUCTURE_ABANDONABLE),
  component('01062', '通信基站', 'Telecom base station', Utilities, STANDING),
  component('01063', '水塔', 'Water tower', Utilities, STANDING),
  component('01064', '牌楼（门楼）', 'Ornamental archway (gate tower)', Other, STANDING),
  component('01065', '管理责任公示牌', 'Management-responsibility notice board', Other, STANDING),
  component('01066', '紧急报警点SOS', 'SOS emergency call point', Other, STANDING),
  component('01067', '防汛监测设施', 'Flood-monitoring facility', MunicipalFacilities, STANDING),
  component('01068', '水鹤', 'Water crane (tanker filling point)', Utilities, STANDING),
  component('01069', '水域附属设施', 'Waterway ancillary facility', Other, STRUCTURE_ABANDONABLE),
  component('01070', '水域护栏', 'Waterside railing', Other, STANDING),
  component('01071', '防汛墙', 'Flood wall', MunicipalFacilities, STRUCTURE),
  component('01072', '排水泵站', 'Drainage pumping station', MunicipalFacilities, STRUCTURE),
  component('01073', '雨污水排放口', 'Storm-water or sewage outfall', MunicipalFacilities, 'SD'),
  component(
    '01074',
    '综合管廊附属设施',
    'Utility-tunnel ancillary facility',
    MunicipalFacilities,
    STRUCTURE_ABANDONABLE,
  ),
  component('01075', '快递柜', 'Parcel locker', Other, STANDING),
  component('01076', '公用电梯', 'Public lift', Other, STRUCTURE),
  component('01077', '综合杆', 'Multi-function pole', MunicipalFacilities, STANDING),

  // 02 交通设施
  component('02001', '停车场', 'Car park', TrafficPolice, STRUCTURE),
  component('02002', '立体车库', 'Mechanical parking garage', TrafficPolice, STRUCTURE),
  component('02003', '停车计费设备', 'Parking meter', TrafficPolice, STANDING),
  component('02004', '公交站设施', 'Bus-stop facility', Other, STANDING),
  component('02005', '出租车停靠站', 'Taxi stand', Other, STANDING),
  component('02006', '过街天桥', 'Pedestrian overpass', MunicipalFacilities, STRUCTURE),
  component('02007', '地下通道', 'Pedestrian underpass', MunicipalFacilities, STRUCTURE),
  component('02008', '立交桥', 'Interchange flyover', MunicipalFacilities, STRUCTURE),
  component('02009', '跨河桥', 'River bridge', MunicipalFacilities, STRUCTURE),
  component('02010', '交通标志牌及标线', 'Traffic sign or road marking', TrafficPolice, STANDING),
  component('02011', '限高架标志', 'Height-limit barrier', TrafficPolice, STANDING),
  component('02012', '路名牌', 'Street-name sign', MunicipalFacilities, STANDING),
  component('02013', '地名牌', 'Place-name sign', MunicipalFacilities, STANDING),
  component('02014', '交通信号灯', 'Traffic light', TrafficPolice, STANDING),
  component('02015', '交通信号设施', 'Traffic-signal equipment', TrafficPolice, STANDING),
  component('02016', '交通岗亭', 'Traffic-police booth', TrafficPolice, STANDING),
  component('02017', '交通护栏', 'Traffic guardrail', TrafficPolice, STANDING),
  component('02018', '防撞桶', 'Crash barrel', TrafficPolice, STANDING),
  component('02019', '安全岛', 'Traffic island', TrafficPolice, STRUCTURE),
  component('02020', '人行横道桩', 'Crosswalk bollard', TrafficPolice, STANDING),
  component('02021', '便道桩', 'Footway bollard', MunicipalFacilities, STANDING),
  component('02022', '柔性隔离体', 'Flexible lane divider', TrafficPolice, STANDING),
  component('02023', '道路信息显示屏', 'Road information display', TrafficPolice, STANDING),
  component('02024', '道路隔音屏', 'Road noise barrier', MunicipalFacilities, STANDING),
  component('02025', '非机动车停放点', 'Non-motor-vehicle parking area', MunicipalFacilities, 'DX'),
  component('02026', '自行车租赁点', 'Bicycle rental station', Other, STANDING),
  component('02027', '存车支架', 'Bicycle rack', MunicipalFacilities, STANDING),
  component('02028', '铁道口设施', 'Railway level-crossing facility', Other, STANDING),
  component('02029', '栈桥', 'Jetty', Other, STRUCTURE),
  component('02030', '水域标示牌', 'Waterway sign', Other, STANDING),
  component('02031', '港监设施', 'Harbour-supervision facility', Other, STANDING),
  component('02032', '轨道交通设施', 'Rail-transit facility', Other, STRUCTURE),
  component('02033', '交通反视镜', 'Traffic convex mirror', TrafficPolice, STANDING),
  component('02034', '无障碍设施', 'Accessibility facility', MunicipalFacilities, STANDING),
  component('02035', '应急避难指示牌', 'Emergency-shelter sign', Other, STANDING),
  component('02036', '救助站指示牌', 'Relief-station sign', Other, STANDING),
  component('02037', '文物建筑标志牌', 'Heritage-building sign', Other, STANDING),
  component('02038', '门（楼号）牌', 'House (building) number plate', Other, STANDING),
  component('02039', '公安指示牌', 'Police direction sign', Other, STANDING),
  component('02040', '景区标识牌', 'Scenic-area sign', Other, STANDING),
  component('02041', '停车信息显示屏', 'Parking-information display', TrafficPolice, STANDING),
  component('02042', '铁路桥涵', 'Railway bridge or culvert', Other, STRUCTURE),
  component('02043', '减速带', 'Speed bump', TrafficPolice, 'SD'),
  component('02044', '公路隧道', 'Road tunnel', MunicipalFacilities, STRUCTURE),

  // 03 市容环卫设施
  component('03001', '公共厕所', 'Public toilet', Sanitation, STRUCTURE_ABANDONABLE),
  component('03002', '公厕指示牌', 'Public-toilet sign', Sanitation, STANDING),
  component('03003', '化粪池', 'Septic tank', Sanitation, 'SD'),
  component('03004', '垃圾间（楼）', 'Refuse room (building)', Sanitation, STRUCTURE_ABANDONABLE),
  component('03005', '垃圾箱', 'Litter bin', Sanitation, STANDING),
  component('03006', '户外广告', 'Outdoor advertising facility', LawEnforcement, STANDING),
  component('03007', '牌匾标识', 'Shop sign', LawEnforcement, STANDING),
  component('03008', '宣传栏', 'Notice board', Other, STANDING),
  component('03009', '气象监测站', 'Weather-monitoring station', Other, STANDING),
  component('03010', '环保监测站', 'Environmental-monitoring station', Other, STANDING),
  component('03011', '污水口监测站', 'Outfall-monitoring station', Other, STANDING),
  component('03012', '污水监测器', 'Sewage monitor', Other, STANDING),
  component('03013', '噪声显示屏', 'Noise display', Other, STANDING),
  component('03014', '环卫工具间（箱）', 'Sanitation tool room (box)', Sanitation, STANDING),
  component('03015', '宠物拾便纸箱', 'Pet-waste bag dispenser', Sanitation, STANDING),
  component('03016', '烟头收集器或灭烟处', 'Cigarette-butt bin or smoking point', Sanitation, STANDING),

  // 04 园林绿化设施
  component('04001', '古树名木', 'Ancient or notable tree', Landscaping, TREE),
  component('04002', '行道树', 'Street tree', Landscaping, TREE),
  component('04003', '独立树', 'Solitary tree', Landscaping, TREE),
  component('04004', '护树设施', 'Tree-protection facility', Landscaping, STANDING),
  component('04005', '花架花钵', 'Flower stand or planter', Landscaping, STANDING),
  component('04006', '雕塑', 'Sculpture', Landscaping, STANDING),
  component('04007', '街头座椅', 'Street bench', Landscaping, STANDING),
  component('04008', '绿地护栏', 'Green-space railing', Landscaping, STANDING),
  component('04009', '绿地附属设施', 'Green-space ancillary facility', Landscaping, STANDING),
  component('04010', '喷泉', 'Fountain', Landscaping, STRUCTURE_ABANDONABLE),
  component('04011', '树池树穴', 'Tree pit', Landscaping, 'SD'),
  component('04012', '高架挂箱', 'Viaduct planter box', Landscaping, STANDING),
  component('04013', '绿地', 'Green space', Landscaping, 'G'),
  component('04014', '林地及林地管护设施', 'Woodland and woodland-management facility', Landscaping, 'GD'),

  // 05 其他管理部件 (05001 and 05004–05008 are not codes in the transcription)
  component('05002', '公房地下室', 'Public-housing basement', Other, STRUCTURE),
  component('05003', '车辆加油（气、电）站', 'Vehicle fuelling (gas, charging) station', Other, STRUCTURE),
  component('05009', '文物古迹', 'Cultural relic or historic site', Other, STRUCTURE),
];

import { TimeUnit } from '@citygrid/calendar';
import { MatterFamily } from '@citygrid/departments';
import type { MatterSeed } from '../catalogue-types';
import { event, limit, yuncheng } from './condition-helpers';

const { Sanitation, LawEnforcement, MunicipalFacilities, Landscaping, Utilities, Other } = MatterFamily;
const { URGENT_HOUR, HOUR, DAY } = TimeUnit;

/** A Yuncheng item with no 2026 code: an event matter marked as a shipped local subclass. */
const local = (...args: Parameters<typeof event>): MatterSeed => ({ ...event(...args), local: true });

/*
 * Matters of reference/domain.md §2.2 with no GB/T 47678.5-2026 code, shipped in the first catalogue version as
 * local subclasses (reference/domain.md §2.1: cities count local subclasses down from the top of a major class;
 * in five-digit codes 06999, 06998, …). The codes are fixed here rather than derived from the order, so that a
 * later addition never renumbers a shipped matter; within each major class they follow the order of the source:
 * the focus table, then the Yuncheng event sheet.
 *
 * - 06 市容环境类 (Yuncheng 01 市容环境): 0131 餐厨垃圾遗撒 (its 2026 number 06031 is a gap); the local items
 *   of 0179–0199 园路破损, 线体垂落, 违规养犬, 光污染, 作业车辆管理 (the sheet lists them without individual codes);
 *   and, from Yuncheng 06 其他事件, 0604 门前四包 (frontage duties are mostly cleanliness and appearance) and 0696
 *   非法采砂 (next to the waterway matters 06023–06026 and 06046).
 * - 07 宣传广告类: 0205 户外广告设置位置不合理 (its 2026 number 07005 is a gap).
 * - 08 施工管理类: 施工缓慢 and 设施残留物 of 0396–0399 (the sheet does not say which of 0396–0399 each one is,
 *   so no legacy code).
 * - 09 街面秩序类: 0491 早餐车, 0492 便民摊点.
 * - 10 其他事项类 (2013 class 05 突发事件, which has no 2026 counterpart except 10001 and 10002): the focus rows
 *   路面塌陷, 供水管道破裂, 燃气管道破裂, 道路积水, then 0503 排水管道堵塞, 0504 热力管道破裂, 0595 其他突发事件,
 *   0596 高空坠物.
 *
 * Not shipped: Yuncheng local 小产权房 / 农村自建房 (01-99, 01-98; 2紧急工作日/15天), variants of 06001 私搭乱建
 * with the same conditions and limits, already seeded there.
 *
 * Limits are the source values as the B limit (A = B, C = 2 × B, see byClass). For the focus rows the reference
 * gives the filing and closing conditions in substance; for the Yuncheng sheet items it gives only the subclass
 * and its limits, so those texts are written from the subclass name. 作业车辆管理 has two limits (2小时/1天) and no
 * condition texts: the split follows 09011 共享单车乱象 (where the vehicle is and what it does: 2 h; its state:
 * 1 day).
 */
export const LOCAL_MATTERS: MatterSeed[] = [
  // 06 市容环境类
  local(
    '06999',
    '餐厨垃圾遗撒',
    'Kitchen-waste spill',
    Sanitation,
    '01-31',
    yuncheng({
      filingZh: '餐厨垃圾在收集、运输过程中遗撒、滴漏',
      filingEn: 'Kitchen waste spilled or dripped during collection or transport',
      closingZh: '已清理干净',
      closingEn: 'Cleaned up',
      limit: limit(4, HOUR),
    }),
  ),
  local(
    '06998',
    '园路破损',
    'Damaged park path',
    Landscaping,
    null,
    yuncheng({
      filingZh: '公园、绿地内园路破损、坑洼或铺装松动',
      filingEn: 'Path in a park or green space damaged, potholed or with loose paving',
      closingZh: '已修复',
      closingEn: 'Repaired',
      limit: limit(5, DAY),
    }),
  ),
  local(
    '06997',
    '线体垂落',
    'Sagging cables',
    Utilities,
    null,
    yuncheng({
      filingZh: '通信、电力等线缆垂落或杂乱缠绕，影响市容或通行',
      filingEn:
        'Communication, power or other cables hanging down or tangled, spoiling the street or hindering passage',
      closingZh: '已整理、绑扎或拆除',
      closingEn: 'Tidied, tied up or removed',
      limit: limit(1, DAY),
    }),
  ),
  local(
    '06996',
    '违规养犬',
    'Non-compliant dog keeping',
    LawEnforcement,
    null,
    yuncheng({
      filingZh: '在公共场所遛犬未牵引、未及时清理犬只粪便，或饲养禁养犬只',
      filingEn:
        'Dog walked off the lead in a public place, dog mess not cleaned up, or a prohibited breed kept',
      closingZh: '已制止并整改',
      closingEn: 'Stopped and rectified',
      limit: limit(1, DAY),
    }),
  ),
  local(
    '06995',
    '光污染',
    'Light pollution',
    LawEnforcement,
    null,
    yuncheng({
      filingZh: '广告、照明、显示屏等灯光或玻璃幕墙反光过强，影响居民生活或交通安全',
      filingEn:
        'Glare from advertising, lighting or screens, or from reflective glass facades, disturbing residents or endangering traffic',
      closingZh: '已整改',
      closingEn: 'Rectified',
      limit: limit(1, DAY),
    }),
  ),
  local(
    '06994',
    '作业车辆管理',
    'Work-vehicle problems',
    Sanitation,
    null,
    yuncheng(
      {
        filingZh: '环卫等作业车辆作业时滴漏、遗撒，或违规停放影响通行',
        filingEn:
          'Sanitation or other work vehicle dripping or shedding its load while working, or parked so as to obstruct traffic',
        closingZh: '已制止并清理，车辆已驶离或规范停放',
        closingEn: 'Stopped and cleaned up; vehicle moved or parked properly',
        limit: limit(2, HOUR),
      },
      {
        filingZh: '作业车辆车容车貌不洁、破损或标识不全',
        filingEn: 'Work vehicle dirty, damaged or without the required markings',
        closingZh: '已整改',
        closingEn: 'Rectified',
        limit: limit(1, DAY),
      },
    ),
  ),
  local(
    '06993',
    '门前四包',
    'Frontage duties not met',
    LawEnforcement,
    '06-04',
    yuncheng({
      filingZh: '临街单位、门店未履行门前四包责任，门前区域脏乱或秩序混乱',
      filingEn:
        'A street-front unit or shop has not met its frontage duties: the area in front is dirty or disorderly',
      closingZh: '已督促整改到位',
      closingEn: 'Rectified at the responsible party',
      limit: limit(4, HOUR),
    }),
  ),
  local(
    '06992',
    '非法采砂',
    'Illegal sand mining',
    Other,
    '06-96',
    yuncheng({
      filingZh: '未经许可在河道、湖泊等水域采砂、取土',
      filingEn: 'Sand or soil dug from a river, lake or other waterway without a permit',
      closingZh: '已制止，依法处理',
      closingEn: 'Stopped and dealt with according to law',
      limit: limit(1, DAY),
    }),
  ),

  // 07 宣传广告类
  local(
    '07999',
    '户外广告设置位置不合理',
    'Outdoor advertising in an unsuitable place',
    LawEnforcement,
    '02-05',
    yuncheng({
      filingZh: '户外广告设施设置位置不合理，遮挡交通标志、信号灯或建筑物门窗，或妨碍通行',
      filingEn:
        "Outdoor advertising placed where it blocks traffic signs, signals or a building's doors and windows, or hinders passage",
      closingZh: '已移位或拆除',
      closingEn: 'Relocated or removed',
      limit: limit(3, DAY),
    }),
  ),

  // 08 施工管理类
  local(
    '08999',
    '施工缓慢',
    'Slow construction',
    LawEnforcement,
    null,
    yuncheng({
      filingZh: '施工进度缓慢或长期停工，长时间占用道路、影响通行',
      filingEn:
        'Works progressing slowly or stalled, occupying the road and hindering traffic for a long time',
      closingZh: '已督促加快施工或完工',
      closingEn: 'Works sped up or completed',
      limit: limit(2, DAY),
    }),
  ),
  local(
    '08998',
    '设施残留物',
    'Remnants of removed facilities',
    LawEnforcement,
    null,
    yuncheng({
      filingZh: '施工或拆除后遗留杆体根部、基座、管线等设施残留物',
      filingEn:
        'Pole stumps, bases, pipes or other remnants of facilities left behind after works or removal',
      closingZh: '已清除，恢复原状',
      closingEn: 'Removed and original state restored',
      limit: limit(2, DAY),
    }),
  ),

  // 09 街面秩序类
  local(
    '09999',
    '早餐车',
    'Breakfast carts',
    LawEnforcement,
    '04-91',
    yuncheng({
      filingZh: '早餐车超出规定时间、地点经营，或周边脏乱',
      filingEn: 'Breakfast cart trading outside the permitted hours or place, or leaving its pitch dirty',
      closingZh: '已规范或取缔',
      closingEn: 'Brought into order or removed',
      limit: limit(4, HOUR),
    }),
  ),
  local(
    '09998',
    '便民摊点',
    'Convenience stalls',
    LawEnforcement,
    '04-92',
    yuncheng({
      filingZh: '便民摊点超出规定时间、范围经营，或经营秩序混乱、卫生不洁',
      filingEn: 'Permitted convenience stall trading outside its hours or area, disorderly or unhygienic',
      closingZh: '已规范',
      closingEn: 'Brought into order',
      limit: limit(1, DAY),
    }),
  ),

  // 10 其他事项类
  local(
    '10999',
    '路面塌陷',
    'Road subsidence',
    MunicipalFacilities,
    '05-05',
    yuncheng({
      filingZh: '路面塌陷、沉降，危及交通安全',
      filingEn: 'Road surface collapsed or subsided, endangering traffic',
      closingZh: '隐患已排除，已设置围挡和警示标志',
      closingEn: 'Hazard removed, fenced off and warning signs put up',
      limit: limit(2, URGENT_HOUR),
    }),
  ),
  local(
    '10998',
    '供水管道破裂',
    'Water-supply pipe burst',
    Utilities,
    '05-01',
    yuncheng(
      {
        filingZh: '供水管道漏水，路面冒水、溢水',
        filingEn: 'Water-supply pipe leaking, water welling up or overflowing on the road',
        closingZh: '已止水，隐患已排除',
        closingEn: 'Water stopped and hazard removed',
        limit: limit(1, URGENT_HOUR),
      },
      {
        filingZh: '供水管道破裂造成路面塌陷',
        filingEn: 'Burst water-supply pipe has made the road subside',
        closingZh: '管道和路面已修复',
        closingEn: 'Pipe and road repaired',
        limit: limit(5, DAY),
      },
    ),
  ),
  local(
    '10997',
    '燃气管道破裂',
    'Gas pipe burst',
    Utilities,
    '05-02',
    yuncheng({
      filingZh: '燃气管道破裂，造成泄漏、停气、起火或爆炸',
      filingEn: 'Gas pipe burst, causing a leak, loss of supply, fire or explosion',
      closingZh: '隐患已排除，已设置围挡',
      closingEn: 'Hazard removed and fenced off',
      limit: limit(1, URGENT_HOUR),
    }),
  ),
  local(
    '10996',
    '道路积水',
    'Road waterlogging',
    MunicipalFacilities,
    '05-06',
    yuncheng({
      filingZh: '道路积水面积大于100平方米且水深超过15厘米，影响行人、车辆安全通行',
      filingEn:
        'Standing water over more than 100 m² and deeper than 15 cm, endangering pedestrians and traffic',
      closingZh: '积水已排除，恢复通行',
      closingEn: 'Water drained and traffic restored',
      limit: limit(2, URGENT_HOUR),
    }),
  ),
  local(
    '10995',
    '排水管道堵塞',
    'Blocked drainage pipe',
    MunicipalFacilities,
    '05-03',
    yuncheng(
      {
        filingZh: '排水管道堵塞，污水、雨水排放不畅或外溢',
        filingEn: 'Drainage pipe blocked, sewage or storm water draining poorly or overflowing',
        closingZh: '已疏通',
        closingEn: 'Unblocked',
        limit: limit(4, HOUR),
      },
      {
        filingZh: '排水管道破损，存在安全隐患',
        filingEn: 'Drainage pipe damaged, posing a safety hazard',
        closingZh: '隐患已排除',
        closingEn: 'Hazard removed',
        limit: limit(1, URGENT_HOUR),
      },
    ),
  ),
  local(
    '10994',
    '热力管道破裂',
    'Heating pipe burst',
    Utilities,
    '05-04',
    yuncheng({
      filingZh: '热力管道破裂，热水或蒸汽泄漏',
      filingEn: 'Heating pipe burst, hot water or steam escaping',
      closingZh: '已止漏，隐患已排除',
      closingEn: 'Leak stopped and hazard removed',
      limit: limit(1, URGENT_HOUR),
    }),
  ),
  local(
    '10993',
    '其他突发事件',
    'Other emergencies',
    Other,
    '05-95',
    yuncheng({
      filingZh: '其他危及公共安全或城市正常运行的突发事件',
      filingEn: 'Any other emergency endangering public safety or the normal running of the city',
      closingZh: '已处置，隐患已排除',
      closingEn: 'Dealt with and hazard removed',
      limit: limit(2, URGENT_HOUR),
    }),
  ),
  local(
    '10992',
    '高空坠物',
    'Objects falling from height',
    Other,
    '05-96',
    yuncheng({
      filingZh: '建筑物、构筑物或设施上的物体坠落或有坠落危险',
      filingEn: 'Objects falling, or in danger of falling, from buildings, structures or facilities',
      closingZh: '坠落物已清理，隐患已排除',
      closingEn: 'Fallen objects cleared and hazard removed',
      limit: limit(2, URGENT_HOUR),
    }),
  ),
];

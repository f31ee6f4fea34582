import { MatterKind, type MajorClassSeed } from '../catalogue-types';

/** The 10 major classes of GB/T 47678.5-2026 (reference/domain.md §2.1): 01–05 components, 06–10 matters. */
export const MAJOR_CLASSES: MajorClassSeed[] = [
  {
    kind: MatterKind.Component,
    code: '01',
    nameZh: '市政公用设施',
    nameEn: 'Municipal and public utility facilities',
  },
  { kind: MatterKind.Component, code: '02', nameZh: '交通设施', nameEn: 'Transport facilities' },
  {
    kind: MatterKind.Component,
    code: '03',
    nameZh: '市容环卫设施',
    nameEn: 'City appearance and sanitation facilities',
  },
  {
    kind: MatterKind.Component,
    code: '04',
    nameZh: '园林绿化设施',
    nameEn: 'Landscaping and greening facilities',
  },
  { kind: MatterKind.Component, code: '05', nameZh: '其他管理部件', nameEn: 'Other managed components' },
  { kind: MatterKind.Event, code: '06', nameZh: '市容环境类', nameEn: 'City appearance and environment' },
  { kind: MatterKind.Event, code: '07', nameZh: '宣传广告类', nameEn: 'Publicity and advertising' },
  { kind: MatterKind.Event, code: '08', nameZh: '施工管理类', nameEn: 'Construction management' },
  { kind: MatterKind.Event, code: '09', nameZh: '街面秩序类', nameEn: 'Street order' },
  { kind: MatterKind.Event, code: '10', nameZh: '其他事项类', nameEn: 'Other matters' },
];

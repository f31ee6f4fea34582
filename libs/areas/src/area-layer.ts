/**
 * The layers of the city model (DESIGN.md §3, reference/domain.md §1) and their codes. Each layer's code
 * extends its parent's: district (6 digits, GB/T 2260) → street (+3) → community (+3) → unit grid (+3, the
 * sequence inside its community, 001–999, numbered west→east, north→south). A responsibility grid belongs to
 * one street: its code is the street's 9 digits, `R`, and a 3-digit sequence.
 */
export enum AreaLayer {
  Districts = 'districts',
  Streets = 'streets',
  Communities = 'communities',
  UnitGrids = 'unit-grids',
  ResponsibilityGrids = 'responsibility-grids',
}

const AREA_LAYERS = Object.values(AreaLayer);

const CODE_PATTERNS: Record<AreaLayer, RegExp> = {
  [AreaLayer.Districts]: /^\d{6}$/,
  [AreaLayer.Streets]: /^\d{9}$/,
  [AreaLayer.Communities]: /^\d{12}$/,
  [AreaLayer.UnitGrids]: /^\d{12}(?!000)\d{3}$/,
  [AreaLayer.ResponsibilityGrids]: /^\d{9}R(?!000)\d{3}$/,
};

export const CODE_FORMATS: Record<AreaLayer, string> = {
  [AreaLayer.Districts]: '6 digits (GB/T 2260 county-level code)',
  [AreaLayer.Streets]: '9 digits: the district code and a 3-digit street number',
  [AreaLayer.Communities]: '12 digits: the street code and a 3-digit community number',
  [AreaLayer.UnitGrids]: '15 digits: the community code and a sequence 001-999',
  [AreaLayer.ResponsibilityGrids]: 'the 9-digit street code, "R" and a sequence 001-999',
};

/** What one area of a layer is called in messages. */
export const LAYER_NOUN: Record<AreaLayer, string> = {
  [AreaLayer.Districts]: 'district',
  [AreaLayer.Streets]: 'street',
  [AreaLayer.Communities]: 'community',
  [AreaLayer.UnitGrids]: 'unit grid',
  [AreaLayer.ResponsibilityGrids]: 'responsibility grid',
};

/** The layer whose codes a layer's codes extend, or null for districts. */
export const PARENT_LAYER: Record<AreaLayer, AreaLayer | null> = {
  [AreaLayer.Districts]: null,
  [AreaLayer.Streets]: AreaLayer.Districts,
  [AreaLayer.Communities]: AreaLayer.Streets,
  [AreaLayer.UnitGrids]: AreaLayer.Communities,
  [AreaLayer.ResponsibilityGrids]: AreaLayer.Streets,
};

export function isValidCode(layer: AreaLayer, code: unknown): code is string {
  return typeof code === 'string' && CODE_PATTERNS[layer].test(code);
}

/** The parent's code, read off the child's code (null for a district). Assumes a valid code. */
export function parentCodeOf(layer: AreaLayer, code: string): string | null {
  switch (layer) {
    case AreaLayer.Districts:
      return null;
    case AreaLayer.Streets:
      return code.slice(0, 6);
    case AreaLayer.Communities:
      return code.slice(0, 9);
    case AreaLayer.UnitGrids:
      return code.slice(0, 12);
    case AreaLayer.ResponsibilityGrids:
      return code.slice(0, 9);
  }
}

/** The kind of area a bare code names, by its shape, or null when it names none. */
export function layerOfCode(code: string): AreaLayer | null {
  return AREA_LAYERS.find((layer) => CODE_PATTERNS[layer].test(code)) ?? null;
}

/** Area classes for time limits (reference/domain.md §2.3): A core, B general, C fringe. */
export enum AreaClass {
  A = 'A',
  B = 'B',
  C = 'C',
}

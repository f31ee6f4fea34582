import type { MatterSeed } from '../catalogue-types';
import { COMPONENT_MATTERS } from './component-matters';
import { EVENT_MATTERS } from './event-matters';

/**
 * All 250 matters of GB/T 47678.5-2026 (catalogue version CATALOGUE_VERSION): the 153 component matters
 * 01001–05009 ("<component>异常") and the 97 matters 06001–10002, each with at least one filing condition.
 */
export const MATTERS: MatterSeed[] = [...COMPONENT_MATTERS, ...EVENT_MATTERS];

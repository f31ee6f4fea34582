import type { MatterSeed } from '../catalogue-types';
import { COMPONENT_MATTERS } from './component-matters';
import { EVENT_MATTERS } from './event-matters';
import { LOCAL_MATTERS } from './local-matters';

/**
 * The shipped catalogue (version CATALOGUE_VERSION), each matter with at least one filing condition:
 * - all 250 matters of GB/T 47678.5-2026: the 153 component matters 01001–05009 ("<component>异常") and the 97
 *   matters 06001–10002;
 * - the local subclasses (`local: true`, codes counting down from 999 within a major class) for the matters of
 *   reference/domain.md §2.2 that have no 2026 code (see local-matters.ts).
 */
export const MATTERS: MatterSeed[] = [...COMPONENT_MATTERS, ...EVENT_MATTERS, ...LOCAL_MATTERS];

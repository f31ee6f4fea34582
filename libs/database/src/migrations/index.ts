import { CreateOutboxMessages1795221817193 } from './1795221817193-CreateOutboxMessages';
import { CreateCityModel1795223415981 } from './1795223415981-CreateCityModel';
import { TrackPasswordChangesAndGridVersion1795224573111 } from './1795224573111-TrackPasswordChangesAndGridVersion';
import { CreateCatalogueCalendarRouting1795226032587 } from './1795226032587-CreateCatalogueCalendarRouting';
import { CreateCases1795227352916 } from './1795227352916-CreateCases';
import { AddCaseClocksAndActivityDetails1795228668970 } from './1795228668970-AddCaseClocksAndActivityDetails';
import { AddRoutingAndOutboxRelay1795230307933 } from './1795230307933-AddRoutingAndOutboxRelay';
import { CreateNotices1795230476464 } from './1795230476464-CreateNotices';
import { AddSlaNextAt1795232000973 } from './1795232000973-AddSlaNextAt';
import { AddBoardChangeSequence1795234339204 } from './1795234339204-AddBoardChangeSequence';
import { CreateEvaluation1795240000000 } from './1795240000000-CreateEvaluation';
import { AddReferenceDataVersion1795250000000 } from './1795250000000-AddReferenceDataVersion';

/** Every migration, in order. A generated migration is added here by hand after review. */
export const MIGRATIONS = [
  CreateOutboxMessages1795221817193,
  CreateCityModel1795223415981,
  TrackPasswordChangesAndGridVersion1795224573111,
  CreateCatalogueCalendarRouting1795226032587,
  CreateCases1795227352916,
  AddCaseClocksAndActivityDetails1795228668970,
  AddRoutingAndOutboxRelay1795230307933,
  CreateNotices1795230476464,
  AddSlaNextAt1795232000973,
  AddBoardChangeSequence1795234339204,
  CreateEvaluation1795240000000,
  AddReferenceDataVersion1795250000000,
];

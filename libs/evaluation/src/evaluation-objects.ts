/** What can be evaluated (reference/domain.md §4.1): areas, departments and posts. */
export enum EvaluationObject {
  UnitGrid = 'unit-grid',
  ResponsibilityGrid = 'responsibility-grid',
  Community = 'community',
  Street = 'street',
  Department = 'department',
  Inspector = 'inspector',
  /** Whoever accepted reports: acceptors, shift leaders and grid managers acting as acceptors. */
  Acceptor = 'acceptor',
  /** Whoever dispatched: dispatchers, shift leaders and grid managers acting as dispatchers. */
  Dispatcher = 'dispatcher',
}

export const EVALUATION_OBJECTS = Object.values(EvaluationObject);

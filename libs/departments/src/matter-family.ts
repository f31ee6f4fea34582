/** The families of matters a department handles; routing rules (issue 4) map matters onto departments. */
export enum MatterFamily {
  Sanitation = 'sanitation',
  LawEnforcement = 'law_enforcement',
  TrafficPolice = 'traffic_police',
  MunicipalFacilities = 'municipal_facilities',
  Landscaping = 'landscaping',
  Utilities = 'utilities',
  Other = 'other',
}

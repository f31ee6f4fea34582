export * from './workflow/case-status';
export * from './workflow/case-action';
export * from './workflow/transition-table';
export * from './workflow/case-workflow';

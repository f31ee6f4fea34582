/** How a matter is keyed in lookups and filters: `kind:code` (`event:06010`). */
export const matterKey = (matter: { kind: string; code: string }): string => `${matter.kind}:${matter.code}`;

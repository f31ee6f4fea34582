/** Label of the catalogue shipped as data in this folder (GB/T 47678.5-2026 codes, CityGrid's first seed). */
export const CATALOGUE_VERSION = 'GB/T 47678.5-2026 (CityGrid seed 1)';

/** The size rules of photos made smaller in the browser (photo-downscale.ts): pure, for unit tests. */
/** The longer side of a photo as sent: what the server keeps anyway (docs/cases.md). */
export const MAX_PHOTO_SIDE = 1600;

/** The size that fits within `max` on the longer side, keeping the proportions; never larger. */
export function fitWithin(
  width: number,
  height: number,
  max = MAX_PHOTO_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A file name with the extension of what it now is. */
export const jpegName = (name: string): string => `${name.replace(/\.[^./\\]*$/, '') || 'photo'}.jpg`;

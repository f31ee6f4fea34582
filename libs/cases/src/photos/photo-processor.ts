import { ErrorKind } from '@citygrid/common';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { CasesErrorCode, CasesException } from '../cases.exception';

export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Stored photos are at most this wide or high, which is plenty to judge a street problem on a wall screen. */
export const PHOTO_EDGE = 1600;
export const THUMBNAIL_EDGE = 320;
/** Refuse decompression bombs: a 10 MB file may claim billions of pixels. 50 MP covers phone cameras. */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'];

export interface ProcessedPhoto {
  /** Content hash of the stored image: the storage key, so the same photo is stored once. */
  key: string;
  thumbnailKey: string;
  image: Buffer;
  thumbnail: Buffer;
  contentType: 'image/webp';
}

const refused = (code: CasesErrorCode, kind: ErrorKind, field: string, reason: string, message: string) =>
  new CasesException(code, message, kind, [{ field, reason, message }]);

/**
 * Checks a photo by its content (libvips reads the magic bytes; the client's file name and MIME type are not
 * trusted), turns it upright by its EXIF orientation, drops the metadata, and makes the stored WebP image and
 * its thumbnail.
 */
export async function processPhoto(input: Buffer, field: string): Promise<ProcessedPhoto> {
  // The header alone: no pixels are decoded before the format and size are known to be acceptable.
  const meta = await sharp(input)
    .metadata()
    .catch(() => null);
  if (!meta?.format || !ACCEPTED_FORMATS.includes(meta.format)) {
    const what = meta?.format ?? 'not an image';
    throw refused(
      CasesErrorCode.PHOTO_TYPE_UNSUPPORTED,
      ErrorKind.UnsupportedMedia,
      field,
      meta?.format ?? 'unreadable',
      `${what}: photos must be JPEG, PNG or WebP`,
    );
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) {
    throw refused(
      CasesErrorCode.PHOTO_TOO_MANY_PIXELS,
      ErrorKind.TooLarge,
      field,
      'pixels',
      `${meta.width}×${meta.height} is more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`,
    );
  }
  try {
    const image = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(PHOTO_EDGE, PHOTO_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    // The thumbnail comes from the small image: the original is decoded once.
    const thumbnail = await sharp(image)
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    const hash = createHash('sha256').update(image).digest('hex');
    const key = `${hash.slice(0, 2)}/${hash}.webp`;
    return {
      key,
      thumbnailKey: key.replace(/\.webp$/, '.thumb.webp'),
      image,
      thumbnail,
      contentType: 'image/webp',
    };
  } catch {
    throw refused(
      CasesErrorCode.PHOTO_UNREADABLE,
      ErrorKind.Invalid,
      field,
      'corrupt',
      `The ${meta.format} image is damaged or cut off: take or send it again`,
    );
  }
}

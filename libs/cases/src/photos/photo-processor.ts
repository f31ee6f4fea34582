import { ErrorKind } from '@citygrid/common';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { CasesErrorCode, CasesException } from '../cases.exception';

export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Stored photos are at most this wide or high, which is plenty to judge a street problem on a wall screen. */
export const PHOTO_EDGE = 1600;
export const THUMBNAIL_EDGE = 320;
/** Refuse decompression bombs: a 10 MB file may claim billions of pixels. */
const MAX_INPUT_PIXELS = 120_000_000;
const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'];

export interface ProcessedPhoto {
  /** Content hash of the stored image: the storage key, so the same photo is stored once. */
  key: string;
  thumbnailKey: string;
  image: Buffer;
  thumbnail: Buffer;
  contentType: 'image/webp';
}

/**
 * Checks a photo by its content (libvips reads the magic bytes; the client's file name and MIME type are not
 * trusted), turns it upright by its EXIF orientation, drops the metadata, and makes the stored WebP image and
 * its thumbnail.
 */
export async function processPhoto(input: Buffer, field: string): Promise<ProcessedPhoto> {
  const format = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
    .metadata()
    .then((meta) => meta.format as string | undefined)
    .catch(() => undefined);
  if (!format || !ACCEPTED_FORMATS.includes(format)) {
    throw new CasesException(
      CasesErrorCode.PHOTO_TYPE_UNSUPPORTED,
      'Photos must be JPEG, PNG or WebP images',
      ErrorKind.UnsupportedMedia,
      [
        {
          field,
          reason: format ?? 'unreadable',
          message: `${format ?? 'not an image'}: use JPEG, PNG or WebP`,
        },
      ],
    );
  }
  const upright = () => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
  const [image, thumbnail] = await Promise.all([
    upright()
      .resize(PHOTO_EDGE, PHOTO_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer(),
    upright()
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer(),
  ]);
  const hash = createHash('sha256').update(image).digest('hex');
  const key = `${hash.slice(0, 2)}/${hash}.webp`;
  return {
    key,
    thumbnailKey: key.replace(/\.webp$/, '.thumb.webp'),
    image,
    thumbnail,
    contentType: 'image/webp',
  };
}

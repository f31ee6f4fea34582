import { fitWithin, jpegName } from './photo-size';

export { jpegName };

/**
 * Photos are made smaller on the phone before they are sent or queued: at most 1600 px on the longer side
 * (what the server keeps anyway, docs/cases.md), as JPEG. A 12-megapixel camera photo of 4 MB becomes a few
 * hundred kB, which is what a weak mobile connection and the offline queue can carry.
 */
const QUALITY = 0.85;

/** The photo as a JPEG of at most 1600 px, turned upright by its EXIF orientation. Throws when it is no image. */
export async function downscalePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    // JPEG has no transparency: a transparent PNG gets a white ground rather than a black one.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be encoded'))),
        'image/jpeg',
        QUALITY,
      ),
    );
  } finally {
    bitmap.close();
  }
}

/** Downscaled files for a form; one that cannot be read in the browser goes as it is, for the server to judge. */
export async function downscaleFiles(files: readonly File[]): Promise<File[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return new File([await downscalePhoto(file)], jpegName(file.name), { type: 'image/jpeg' });
      } catch {
        return file;
      }
    }),
  );
}

import { Inject, Injectable } from '@nestjs/common';
import type { UploadedFile } from '@citygrid/common';
import { processPhoto, type ProcessedPhoto } from './photo-processor';
import { PHOTO_STORAGE, type PhotoStorage } from './photo-storage';

export interface StoredPhoto {
  storageKey: string;
  thumbnailKey: string;
  contentType: string;
  bytes: number;
}

/** Checks, resizes and stores uploaded photos; the rows that point at them are the caller's to write. */
@Injectable()
export class PhotoStore {
  constructor(@Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage) {}

  /**
   * Every photo is checked before any is stored, so one bad file stores nothing. One at a time: decoding is
   * heavy, and a request must not take every thread of the pool from the others.
   */
  async storeAll(files: UploadedFile[]): Promise<StoredPhoto[]> {
    const processed: ProcessedPhoto[] = [];
    for (const file of files) processed.push(await processPhoto(file.data, file.field));
    await Promise.all(
      processed.flatMap((photo) => [
        this.storage.put(photo.key, photo.image),
        this.storage.put(photo.thumbnailKey, photo.thumbnail),
      ]),
    );
    return processed.map((photo) => ({
      storageKey: photo.key,
      thumbnailKey: photo.thumbnailKey,
      contentType: photo.contentType,
      bytes: photo.image.length,
    }));
  }
}

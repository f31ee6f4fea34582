/** Where case photos live: local disk by default; an S3-compatible store can implement the same. */
export interface PhotoStorage {
  /** Stores bytes under a key; storing the same key again is harmless (keys are content hashes). */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes under a key, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
}

export const PHOTO_STORAGE = Symbol('PhotoStorage');

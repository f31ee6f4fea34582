/**
 * Where queued reports wait: IndexedDB, which keeps the photos as Blobs across reloads and a closed tab. A
 * browser without it (some private modes) keeps them in memory for as long as the tab lives.
 */
const DB_NAME = 'citygrid';
const STORE = 'report-queue';

export interface ReportQueueDb<T> {
  all(): Promise<T[]>;
  put(item: T): Promise<void>;
  remove(key: string): Promise<void>;
}

const done = <R>(request: IDBRequest<R>): Promise<R> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
  return done(request);
}

function inMemory<T extends { key: string }>(): ReportQueueDb<T> {
  const items = new Map<string, T>();
  return {
    all: async () => [...items.values()],
    put: async (item) => void items.set(item.key, item),
    remove: async (key) => void items.delete(key),
  };
}

export function openReportQueueDb<T extends { key: string }>(): ReportQueueDb<T> {
  let db: Promise<ReportQueueDb<T>> | null = null;
  const ready = (): Promise<ReportQueueDb<T>> =>
    (db ??= (typeof indexedDB === 'undefined' ? Promise.reject(new Error('no IndexedDB')) : open()).then(
      (idb): ReportQueueDb<T> => {
        const store = (mode: IDBTransactionMode) => idb.transaction(STORE, mode).objectStore(STORE);
        return {
          all: () => done(store('readonly').getAll() as IDBRequest<T[]>),
          put: async (item) => void (await done(store('readwrite').put(item))),
          remove: async (key) => void (await done(store('readwrite').delete(key))),
        };
      },
      () => inMemory<T>(),
    ));
  return {
    all: async () => (await ready()).all(),
    put: async (item) => (await ready()).put(item),
    remove: async (key) => (await ready()).remove(key),
  };
}

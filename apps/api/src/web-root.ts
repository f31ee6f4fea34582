import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The built web app (`npm run build:web`): dist/web under the project root, found from here or from dist/. */
export function webRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return join(dir, 'dist', 'web');
}

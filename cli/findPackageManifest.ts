import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** pertask's own package.json: the folder it is in, and the version it states. */
export interface PackageManifest {
  readonly folder: string;
  readonly version: string | undefined;
}

/**
 * pertask's package.json, found by walking up from this file. The source
 * (cli/), the build (dist/cli/) and the tests' build (test-output/build/cli/)
 * sit at different depths below it, so no fixed number of `..` reaches it
 * from all three. Undefined when no package.json named pertask is above (a
 * bundle copied elsewhere). Cost: a file read per folder climbed.
 */
export function findPackageManifest(): PackageManifest | undefined {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = readManifest(join(folder, 'package.json'));
    if (manifest?.name === 'pertask') {
      return {
        folder,
        version: typeof manifest.version === 'string' ? manifest.version : undefined,
      };
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    // No package.json in this folder (or not one that parses): the caller climbs on.
    return undefined;
  }
}

/**
 * `npm run lock:platforms`, after any dependency change. This machine's registry lacks the
 * optional per-platform builds (macOS, Windows, musl… of rollup, workerd, esbuild, biome), so
 * `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock
 * ("Missing: … from lock file"), here and on every other machine. This adds each missing optional
 * platform package with its version, tarball URL and os/cpu/libc, so npm skips it where it does not
 * apply and fetches it where it does.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  resolved?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const OSES = [
  'darwin',
  'win32',
  'linux',
  'android',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPUS = [
  'arm64',
  'x64',
  'ia32',
  'arm',
  'loong64',
  'ppc64',
  'riscv64',
  's390x',
  'mips64el',
  'wasm32',
];

/** Platform packages say their platform in their name: `@rollup/rollup-darwin-arm64`, `@esbuild/win32-x64`. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> {
  const parts = name.split('/').pop()!.split('-');
  const has = (word: string) =>
    parts.includes(word) || (word === 'arm' && parts.includes('gnueabihf'));
  // workerd names them its own way: `workerd-windows-64`, `workerd-darwin-64`.
  const os = OSES.filter((o) => parts.includes(o) || (o === 'win32' && parts.includes('windows')));
  const cpu = CPUS.filter(
    (c) =>
      (has(c) || (c === 'x64' && parts.includes('64'))) &&
      !(c === 'arm' && parts.includes('arm64')),
  );
  const libc =
    parts.includes('musl') || parts.includes('musleabihf')
      ? ['musl']
      : parts.includes('gnu')
        ? ['glibc']
        : [];
  return {
    ...(os.length ? { os } : {}),
    ...(cpu.length ? { cpu } : {}),
    ...(libc.length ? { libc } : {}),
  };
}

const exact = (range: string) => range.replace(/^[\^~=v]/, '');

const tarball = (name: string, version: string) =>
  `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;

export function addMissingPlatformPackages(lock: {
  packages: Record<string, LockEntry>;
}): string[] {
  const added: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
      const platform = platformOf(name);
      if (!platform.os && !platform.cpu) continue; // not a platform build; npm resolves it itself
      // npm looks for a dependency beside its dependent, then in each enclosing node_modules.
      const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
      const hoisted = `node_modules/${name}`;
      if (lock.packages[nested] || lock.packages[hoisted]) continue;
      const version = exact(range);
      const target = Object.keys(lock.packages).some((p) => p === hoisted) ? nested : hoisted;
      lock.packages[target] = {
        version,
        resolved: tarball(name, version),
        optional: true,
        ...platform,
      };
      added.push(`${name}@${version}`);
    }
  }
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
    ),
  );
  return added;
}

if (import.meta.main) {
  const path = 'package-lock.json';
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  const added = addMissingPlatformPackages(lock);
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    added.length ? `added ${added.length} platform packages to the lock` : 'lock already complete',
  );
}

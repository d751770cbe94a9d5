/**
 * `npm run lock:platforms`, after any dependency change: adds package-lock entries for the
 * optional per-platform binaries (rollup, biome, workerd builds for macOS, Windows, musl…) that
 * this machine's registry lacks, so `npm install` leaves them out and `npm ci` then refuses the
 * lock ("Missing: … from lock file"). Each entry names its os/cpu/libc, read from the package
 * name, so npm skips it where it does not fit and resolves it from the registry where it does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const OS: Record<string, string> = {
  android: 'android',
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  openbsd: 'openbsd',
  openharmony: 'openharmony',
  win32: 'win32',
  windows: 'win32',
};
const CPU: Record<string, string> = {
  arm: 'arm',
  arm64: 'arm64',
  x64: 'x64',
  '64': 'x64',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};

/** `@rollup/rollup-linux-arm-musleabihf` → linux, arm, musl. Null when the name says no platform. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | null {
  const parts = (name.split('/').pop() ?? '').split('-');
  const osAt = parts.findIndex((p) => p in OS);
  const cpu = parts.slice(osAt + 1).find((p) => p in CPU);
  if (osAt < 0 || !cpu) return null;
  const os = OS[parts[osAt]!]!;
  const rest = parts.slice(osAt + 1).join('-');
  const libc =
    os !== 'linux'
      ? undefined
      : /musl/.test(rest)
        ? 'musl'
        : /gnu/.test(rest)
          ? 'glibc'
          : undefined;
  return { os: [os], cpu: [CPU[cpu]!], ...(libc ? { libc: [libc] } : {}) };
}

if (import.meta.main) {
  const lockPath = resolve(import.meta.dirname, '../package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const added: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path}/node_modules/${name}`;
      const hoisted = `node_modules/${name}`;
      if (lock.packages[nested] || lock.packages[hoisted]) continue;
      const platform = platformOf(name);
      if (!platform) continue;
      lock.packages[hoisted] = {
        version,
        ...(entry.dev ? { dev: true } : {}),
        optional: true,
        ...platform,
      };
      added.push(`${name}@${version}`);
    }
  }
  // npm keeps `packages` sorted by path; keep the diff small by doing the same.
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1,
    ),
  );
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(added.length ? `lock: added ${added.join(', ')}` : 'lock: nothing missing');
}

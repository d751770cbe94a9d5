import { describe, expect, it } from 'vitest';
import { addMissingPlatformPackages, platformOf } from './lock-platforms.ts';

describe('platformOf', () => {
  it.each([
    ['@rollup/rollup-darwin-arm64', { os: ['darwin'], cpu: ['arm64'] }],
    ['@rollup/rollup-linux-x64-musl', { os: ['linux'], cpu: ['x64'], libc: ['musl'] }],
    ['@rollup/rollup-linux-arm-gnueabihf', { os: ['linux'], cpu: ['arm'] }],
    ['@rollup/rollup-win32-ia32-msvc', { os: ['win32'], cpu: ['ia32'] }],
    ['@cloudflare/workerd-windows-64', { os: ['win32'], cpu: ['x64'] }],
    ['@esbuild/freebsd-x64', { os: ['freebsd'], cpu: ['x64'] }],
    ['@biomejs/cli-linux-arm64', { os: ['linux'], cpu: ['arm64'] }],
  ])('%s', (name, expected) => {
    expect(platformOf(name)).toEqual(expected);
  });

  it('leaves packages that are not platform builds alone', () => {
    expect(platformOf('fsevents-helper')).toEqual({});
  });
});

describe('addMissingPlatformPackages', () => {
  it('adds what npm left out, once, with its platform, and keeps what is there', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/rollup': {
          version: '4.0.0',
          optionalDependencies: {
            '@rollup/rollup-linux-x64-gnu': '4.0.0',
            '@rollup/rollup-darwin-arm64': '4.0.0',
          },
        },
        'node_modules/@rollup/rollup-linux-x64-gnu': { version: '4.0.0', resolved: 'x' },
      },
    };
    expect(addMissingPlatformPackages(lock)).toEqual(['@rollup/rollup-darwin-arm64@4.0.0']);
    expect(
      lock.packages['node_modules/@rollup/rollup-darwin-arm64' as keyof typeof lock.packages],
    ).toEqual({
      version: '4.0.0',
      resolved:
        'https://registry.npmjs.org/@rollup/rollup-darwin-arm64/-/rollup-darwin-arm64-4.0.0.tgz',
      optional: true,
      os: ['darwin'],
      cpu: ['arm64'],
    });
    expect(addMissingPlatformPackages(lock)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { platformOf } from './lock-platforms.ts';

describe('platformOf', () => {
  it.each([
    ['@rollup/rollup-darwin-arm64', { os: ['darwin'], cpu: ['arm64'] }],
    ['@rollup/rollup-linux-arm-musleabihf', { os: ['linux'], cpu: ['arm'], libc: ['musl'] }],
    ['@rollup/rollup-win32-ia32-msvc', { os: ['win32'], cpu: ['ia32'] }],
    ['@biomejs/cli-linux-x64-musl', { os: ['linux'], cpu: ['x64'], libc: ['musl'] }],
    ['@rollup/rollup-linux-loong64-gnu', { os: ['linux'], cpu: ['loong64'], libc: ['glibc'] }],
    ['@cloudflare/workerd-darwin-64', { os: ['darwin'], cpu: ['x64'] }],
    ['@cloudflare/workerd-windows-64', { os: ['win32'], cpu: ['x64'] }],
  ])('reads %s', (name, platform) => {
    expect(platformOf(name)).toEqual(platform);
  });

  it('says nothing for a package that names no platform', () => {
    expect(platformOf('fsevents')).toBeNull();
  });
});

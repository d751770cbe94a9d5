/**
 * Renders the PWA icons (web/public/icons/*.png, apple-touch-icon.png) from the SVG mark with
 * Debian's chromium. Run once after changing the mark (`node scripts/render-pwa-icons.ts`) and
 * commit the PNGs; builds never run it. Maskable icons keep the mark inside the central 80%
 * "safe zone", on a full-bleed background, because launchers crop them to any shape.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const publicDir = resolve(import.meta.dirname, '../web/public');
const mark = readFileSync(resolve(publicDir, 'favicon.svg'), 'utf8');

/** The mark alone: rounded tile on transparent ground. */
const plain = (size: number) =>
  `<body style="margin:0;background:transparent">${mark.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`;

/** Full-bleed gradient, bars scaled into the safe zone. */
const maskable = (size: number) => `<body style="margin:0">
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#14b8a6"/><stop offset="1" stop-color="#4f46e5"/></linearGradient></defs>
<rect width="64" height="64" fill="url(#g)"/>
<g transform="translate(32 32) scale(.62) translate(-32 -32)">
<rect x="15" y="34" width="8" height="15" rx="4" fill="#fff" opacity=".75"/><rect x="28" y="25" width="8" height="24" rx="4" fill="#fff" opacity=".9"/><rect x="41" y="15" width="8" height="34" rx="4" fill="#fff"/>
</g></svg></body>`;

const outputs: { file: string; size: number; html: (size: number) => string }[] = [
  { file: 'icons/icon-192.png', size: 192, html: plain },
  { file: 'icons/icon-512.png', size: 512, html: plain },
  { file: 'icons/icon-maskable-512.png', size: 512, html: maskable },
  { file: 'apple-touch-icon.png', size: 180, html: maskable },
];

mkdirSync(resolve(publicDir, 'icons'), { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const output of outputs) {
    const page = await browser.newPage({ viewport: { width: output.size, height: output.size } });
    await page.setContent(output.html(output.size));
    await page.screenshot({ path: resolve(publicDir, output.file), omitBackground: true });
    await page.close();
    console.log(`wrote web/public/${output.file}`);
  }
} finally {
  await browser.close();
}

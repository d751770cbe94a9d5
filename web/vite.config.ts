import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: resolve(import.meta.dirname),
  plugins: [solid()],
  build: { outDir: resolve(import.meta.dirname, '../dist'), emptyOutDir: true },
});

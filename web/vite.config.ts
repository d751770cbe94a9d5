/** Builds the SolidJS PWA from web/ into ../dist, which the Worker serves as static assets. */
import { resolve } from 'node:path';
import UnoCSS from 'unocss/vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: resolve(import.meta.dirname),
  plugins: [
    UnoCSS({ configFile: resolve(import.meta.dirname, 'uno.config.ts') }),
    solid(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'GestorLead',
        short_name: 'GestorLead',
        description: 'Pipeline, estúdio de IA e anúncios da sua agência num só lugar.',
        lang: 'pt-BR',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f8fa',
        theme_color: '#0f766e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // The API, the realtime rooms and the Google sign-in redirects must always reach the Worker.
        navigateFallbackDenylist: [/^\/api\//, /^\/parties\//, /^\/__scheduled/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        // Take over the page that registered it, so even a first visit is ready to go offline.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: resolve(import.meta.dirname, '../dist'),
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Solid's runtime in a chunk of its own name (the bundler would name it after one of its
        // app modules, e.g. "Icon-….js", which reads like something it is not), and a stable
        // file across deploys that do not upgrade Solid.
        codeSplitting: {
          groups: [{ name: 'solid-js', test: /[\\/]node_modules[\\/]solid-js[\\/]/ }],
        },
      },
    },
  },
});

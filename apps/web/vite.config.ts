/// <reference types="vitest/config" />
/**
 * The web workbench's build (npm run build:web → dist/web, served by the API at `/`) and dev server
 * (npm run dev:web: Vite on :5173 with /api, /docs and /health proxied to the API on :3000 or API_ORIGIN).
 * Element Plus components are imported on demand by unplugin-vue-components, so a page ships only what it uses.
 */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';

const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:3000';
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [
    vue(),
    Components({
      dts: false,
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or eval anywhere: the API's CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
    // No manualChunks: a manual chunk also swallows what its modules import and nothing else claimed (Vue itself,
    // Rollup's CommonJS helpers), and the entry then imports those from it — the login page loaded ECharts and
    // ExcelJS that way (≈ 500 KB gzip). Left to Rollup, ECharts lands in a chunk shared by the pages that draw charts
    // and ExcelJS in the chunk of its dynamic import (the 导出 Excel click).
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiOrigin, changeOrigin: false },
      '/docs': { target: apiOrigin },
      '/health': { target: apiOrigin },
    },
  },
  test: {
    root,
    include: ['src/**/*.spec.ts'],
    environment: 'node',
  },
});

import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// main: ESM (package.json "type": "module"), runtime deps external (better-sqlite3's native addon, socket.io).
// preload: CommonJS `.cjs` with everything bundled — a sandboxed preload can neither be ESM nor require
// node_modules. renderer: root src/renderer, base './' (served from app:// in Electron and from the
// browser-mode server, never from a fixed path).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The cache writer runs in a worker thread: its own entry, found beside index.js at run time.
      rollupOptions: { input: { index: resolve('src/main/index.ts'), cacheWorker: resolve('src/main/store/cacheWorker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});

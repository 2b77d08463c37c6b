import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the real renderer with a fake bridge (no hub, no main): for looking at the wall and for the
// renderer-only e2e spec. `npx vite build --config tests/e2e/harness/harness.vite.config.ts`.
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('../../../src/renderer'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^\.\/bridge\.ts$/, replacement: here('./fakeBridge.ts') }],
  },
  build: {
    outDir: here('../../../out/harness'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  logLevel: 'warn',
});

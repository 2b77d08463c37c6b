import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Builds the renderer when `out/renderer/index.html` is missing (a fresh clone running `npm run web`).
 * electron-vite builds main, preload and renderer from electron.vite.config.ts in a few seconds; it needs
 * no Electron binary.
 */
export function ensureRendererBuilt(projectRoot: string, log: (line: string) => void): string {
  const root = join(projectRoot, 'out', 'renderer');
  if (existsSync(join(root, 'index.html'))) return root;
  log('The renderer is not built yet: building it (electron-vite build)…');
  const require = createRequire(join(projectRoot, 'package.json'));
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  // Output goes to stderr so stdout keeps only the "web listening" line for tools that read it.
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: projectRoot, stdio: ['ignore', 2, 2] });
  if (result.status !== 0 || !existsSync(join(root, 'index.html'))) {
    throw new Error(`building the renderer failed (electron-vite build exited with ${result.status ?? result.signal}).`);
  }
  return root;
}

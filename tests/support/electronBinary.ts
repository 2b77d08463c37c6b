// Where the Electron binary is, without `require('electron')` (which tries to download it and throws).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronExecutable(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const exe = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  return existsSync(exe) ? exe : null;
}

// Where the Electron binary is, without `require('electron')` (which tries to download it and throws).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The electron package's folder, or null when the package itself is not installed. */
export function electronPackageDir(): string | null {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The binary named by electron's path.txt, when it is really there. */
export function electronBinary(pkgDir: string): string | null {
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  return existsSync(exe) ? exe : null;
}

export function electronExecutable(): string | null {
  const pkgDir = electronPackageDir();
  return pkgDir ? electronBinary(pkgDir) : null;
}

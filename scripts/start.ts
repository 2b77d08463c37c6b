// `npm start`: the Electron app when its binary exists (fetched once, time-boxed, when missing), else
// browser mode with one line saying why. Never `require('electron')` to probe: it downloads and throws.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_V8_FLAGS, electronJsFlags } from '../src/main/v8Flags.ts';
import { electronBinary, electronPackageDir } from './lib/electronBinary.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const INSTALL_TIMEOUT_MS = 60_000;

function tryInstall(pkgDir: string): string {
  const bin = ['install-electron.js', 'cli-install.js', 'install.js'].map((f) => join(pkgDir, f)).find((f) => existsSync(f));
  if (!bin) return 'no installer in the electron package';
  const result = spawnSync(process.execPath, [bin], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: INSTALL_TIMEOUT_MS });
  if (result.error) return result.error.message.includes('ETIMEDOUT') ? 'download timed out' : result.error.message;
  if (result.status !== 0) {
    // The first error line says why (network, proxy, checksum); the rest is a stack trace.
    const lines = result.stderr.toString().split('\n').map((l) => l.trim());
    const reason = lines.find((l) => /error/i.test(l) && !l.startsWith('at ')) ?? lines.find((l) => l !== '') ?? '';
    return `download failed${reason ? `: ${reason.slice(0, 160)}` : ''}`;
  }
  return 'installed';
}

function run(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main(): void {
  const pkgDir = electronPackageDir();
  let why = pkgDir ? 'its binary is not installed' : 'the electron package is not installed';
  let exe = pkgDir ? electronBinary(pkgDir) : null;
  if (!exe && pkgDir && !process.env.WATCHFLOOR_NO_ELECTRON_DOWNLOAD) {
    const outcome = tryInstall(pkgDir);
    exe = electronBinary(pkgDir);
    if (!exe) why = outcome;
  }
  if (exe) {
    const build = spawnSync(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
    run(exe, [electronJsFlags(), '.', ...args]);
    return;
  }
  console.log(`Electron is not available on this machine (${why}); starting browser mode instead.`);
  run(process.execPath, [...CORE_V8_FLAGS, join(root, 'src', 'main', 'web.ts'), ...args]);
}

main();

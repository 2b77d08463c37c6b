// Finds a Chromium for the end-to-end tests: CHROMIUM_PATH, then the usual install paths; as root
// it can install Debian's package. Playwright's own browser download cannot work on our machines.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const KNOWN_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) return executable(fromEnv) ? fromEnv : null;
  return KNOWN_CHROMIUM_PATHS.find(executable) ?? null;
}

/** Installs Debian's chromium when running as root with apt; returns its path or a reason it could not. */
export function installChromiumWithApt(): { path: string } | { reason: string } {
  if (process.getuid?.() !== 0) return { reason: 'not root' };
  if (!executable('/usr/bin/apt-get')) return { reason: 'no apt-get' };
  console.log('No Chromium found: installing Debian\'s chromium with apt-get (about a minute)…');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (error) {
    return { reason: `apt-get failed: ${(error as Error).message.split('\n')[0]}` };
  }
  const path = findChromium({});
  return path ? { path } : { reason: 'apt-get finished but no chromium binary appeared' };
}

import { electronExecutable } from '../../scripts/lib/electronBinary.ts';

// The list reporter hides skip reasons: say once, up front, why the Electron specs will skip.
export default function globalSetup(): void {
  if (!electronExecutable()) console.log('Electron binary not installed: Electron specs skip; the renderer is tested in Chromium instead.');
}

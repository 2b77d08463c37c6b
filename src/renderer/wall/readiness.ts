/**
 * Test and tooling hooks (docs/PROTOCOL.md, "Renderer test hooks"): a frame counter on `window` and
 * `<html data-app-state>`. Set from deck.gl's onAfterRender so "ready" means pixels, not promises.
 */
export function countFrame(): void {
  window.__wfFrames = (window.__wfFrames ?? 0) + 1;
}

export function setAppState(state: 'loading' | 'ready' | 'error'): void {
  if (document.documentElement.dataset.appState !== state) document.documentElement.dataset.appState = state;
}

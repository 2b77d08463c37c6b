/// <reference types="vite/client" />

// Test hook: incremented after every deck.gl frame, so tests wait on renders, never on time.
interface Window {
  __wfFrames?: number;
}

import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach } from 'vitest';
import { createI18n } from '../../../src/renderer/i18n/index.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * A fresh React root per test in a jsdom host, with the wall's i18n: panels render exactly as in the
 * app. Call at the top of a jsdom test file; `host()` is the current test's container.
 */
export function mountPanels(): { host: () => HTMLDivElement; render: (node: ReactNode, lng?: 'vi' | 'en') => void } {
  let host: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });
  return {
    host: () => host,
    render: (node, lng = 'vi') => act(() => root.render(<I18nextProvider i18n={createI18n(lng)}>{node}</I18nextProvider>)),
  };
}

// Lint keeps the process boundaries (ARCHITECTURE.md, "Processes"): what each folder may import.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url', 'worker_threads'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', '.reports/**', 'test-results/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(
      ['electron', 'react', 'react-dom', '@deck.gl/*', 'better-sqlite3', 'socket.io', 'socket.io-client', ...nodeBuiltins],
      'src/shared runs anywhere: no electron, node, react or deck.gl imports.',
    ),
  },
  {
    files: ['src/hub/**'],
    rules: restrict(
      ['electron', 'react', 'react-dom', '@deck.gl/*', '**/main/**', '**/renderer/**', '**/preload/**'],
      'src/hub imports only src/shared (and Node/server libraries).',
    ),
  },
  {
    files: ['src/renderer/**'],
    rules: restrict(
      ['electron', 'better-sqlite3', 'socket.io', 'ws', '**/main/**', '**/hub/**', '**/preload/**', ...nodeBuiltins],
      'The renderer talks to main through window.watchfloor only (src/renderer/bridge.ts).',
    ),
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/index.ts', 'src/main/windows/**', 'src/main/ipc/electronTransport.ts'],
    rules: restrict(
      ['electron', '**/renderer/**', 'react', 'react-dom', '@deck.gl/*'],
      'The main core is Electron-free: only src/main/index.ts, windows/ and the Electron transport import electron.',
    ),
  },
  {
    files: ['src/preload/**'],
    rules: restrict(['better-sqlite3', 'socket.io*', '**/main/**', '**/renderer/**', '**/hub/**'], 'The preload is a thin bridge.'),
  },
);

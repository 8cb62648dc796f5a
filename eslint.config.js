// ESLint: typescript-eslint's recommended rules, and the boundary that keeps shared/ pure:
// the domain may not import Node, Electron, React or the DOM (it runs in every process and in tests).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureDomain = {
  paths: ['electron', 'react', 'react-dom', 'zustand', 'immer', 'playwright-core'],
  patterns: [
    { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'shared/ is pure: no Node imports (put I/O in host/).' },
    { group: ['**/renderer/**', '**/host/**', '**/electron/**'], message: 'shared/ must not depend on a process layer.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'dist-web', 'dist-node', 'release', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-undef': 'off',
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', pureDomain] } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: [{ group: ['node:*'], message: 'the renderer runs in a sandboxed page' }] }] },
  },
);

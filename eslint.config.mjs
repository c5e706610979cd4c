// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** What no main-process capability may import (src/main/index.ts and src/main/shell/ excepted). */
const mainRestrictions = {
  paths: [
    {
      name: 'electron',
      message: 'Only src/main/index.ts and src/main/shell/ may touch Electron; capabilities are plain Node.',
    },
  ],
  patterns: [
    {
      regex: '(^|/)(renderer|preload)(/|$)',
      message: 'main may not import the renderer or preload.',
    },
  ],
};

/** The layer rules of docs/ARCHITECTURE.md, enforced on every import. */
const layers = [
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3'].map((name) => ({
            name,
            message: 'src/shared is imported by every layer: it may use neither Node, Electron nor the DOM.',
          })),
          patterns: [
            {
              regex: '^\\.\\./(main|preload|renderer)(/|$)',
              message: 'src/shared may not import from the layers that import it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'process',
        'Buffer',
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', mainRestrictions],
    },
  },
  {
    // The sync engine is connector-agnostic: it reaches carriers and platforms only through the
    // registry (src/main/carriers/registry.ts) and the connector contract (connector.ts), never a
    // connector's own folder. (A later block for the same files replaces the rule, so it repeats
    // main's restrictions.)
    files: ['src/main/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: mainRestrictions.paths,
          patterns: [
            ...mainRestrictions.patterns,
            {
              regex: '(^|/)carriers/[^/]+/',
              message:
                'src/main/sync reaches connectors only through carriers/registry.ts and the connector contract (carriers/connector.ts), never a connector folder.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'better-sqlite3'].map((name) => ({
            name,
            message: 'The renderer runs in a sandboxed page: no Node, no Electron; go through the contract.',
          })),
          patterns: [
            {
              regex: '^(\\.\\./)+(main|preload)(/|$)',
              message: 'The renderer imports only src/shared from outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./(main|renderer)(/|$)', message: 'The preload imports only src/shared.' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-output/**', '.station-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.{js,mjs}', '.ci/**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layers,
);

// Lint: typescript-eslint type-checked rules, plus the dependency rule of ARCHITECTURE.md as
// import zones: each folder lists what it may not import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'crypto',
  'util',
  'events',
];

/** A rule forbidding imports whose path matches one of `groups`, with the reason shown to the developer. */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.cabine/**',
      'test-results/**',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['contract/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'contract/ imports nothing but itself.' }] },
      ],
    },
  },
  {
    files: ['state-machines/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...forbid(
        [
          '../drivers/*',
          '../devices/*',
          '../main/*',
          '../renderer/*',
          '../platform/*',
          ...NODE_BUILTINS,
          'electron',
        ],
        'state-machines/ imports only contract and xstate: no Node, no hardware.',
      ),
      'no-restricted-globals': [
        'error',
        'setTimeout',
        'setInterval',
        'clearTimeout',
        'clearInterval',
        'process',
      ],
    },
  },
  {
    files: ['drivers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      ['**/state-machines/*', '**/devices/*', '**/main/*', '**/renderer/*', '**/platform/*'],
      'drivers/ are transports: Node and native libraries (and contract types), never the session.',
    ),
  },
  {
    files: ['devices/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [
        '**/state-machines/*',
        '**/main/*',
        '**/renderer/*',
        '**/platform/*',
        'serialport',
        'node-hid',
        'pcsclite',
      ],
      'devices/ may import drivers and contract only: native libraries live behind drivers/.',
    ),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      ['**/renderer/*', '**/platform/*'],
      'main/ may import all but renderer (and platform, a server of its own).',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      ...forbid(
        [
          '**/state-machines/*',
          '**/drivers/*',
          '**/devices/*',
          '**/main/*',
          '**/platform/*',
          ...NODE_BUILTINS,
          'electron',
        ],
        'renderer/ imports contract (pure code: types and values) and assets.',
      ),
    },
  },
  {
    files: ['platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      ['**/state-machines/*', '**/drivers/*', '**/devices/*', '**/main/*', '**/renderer/*'],
      'platform/ imports contract only.',
    ),
  },
);

// Lint: typescript-eslint type-checked rules, plus the dependency rule of ARCHITECTURE.md as
// allowlists: each zone names what its production files may import (.eslint/allowed-imports.js).
// test/lint/lint-zones.test.ts plants a violation of each rule and checks that lint refuses it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { allowedImportsRule } from './.eslint/allowed-imports.js';

/** Tests and test doubles are not zoned: they may reach anything (ARCHITECTURE.md, `test/`). */
const NOT_PRODUCTION = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**'];

const REACT = ['react', 'react/*', 'react-dom', 'react-dom/*'];

/**
 * Each zone: its production files, and the only folders and packages they may import. A folder that
 * is not listed (and every test double) is refused; so is a package that is not listed.
 */
export const ZONES = [
  { zone: 'contract', files: ['contract/**/*.ts'], folders: ['contract'], packages: [] },
  {
    zone: 'state-machines',
    files: ['state-machines/**/*.ts'],
    folders: ['state-machines', 'contract'],
    packages: ['xstate'],
  },
  {
    zone: 'drivers',
    files: ['drivers/**/*.ts'],
    folders: ['drivers', 'contract'],
    packages: ['node:*', 'serialport', '@serialport/*', 'node-hid', 'pcsclite'],
  },
  {
    // No native library and no socket: a device speaks through a driver's link.
    zone: 'devices',
    files: ['devices/**/*.ts'],
    folders: ['devices', 'drivers', 'contract'],
    packages: ['node:events', 'node:buffer'],
  },
  {
    zone: 'main',
    files: ['main/**/*.ts'],
    folders: ['main', 'contract', 'state-machines', 'drivers', 'devices', 'assets'],
    packages: ['node:*', 'xstate', 'ws', 'better-sqlite3', 'electron'],
  },
  {
    zone: 'renderer',
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    folders: ['renderer', 'contract', 'assets'],
    packages: [...REACT, 'mediasoup-client', 'mediasoup-client/*'],
  },
  {
    zone: 'platform/server',
    files: ['platform/server/**/*.ts'],
    folders: ['platform/server', 'contract'],
    packages: ['node:*', 'ws', 'mediasoup', 'pdfkit', 'lean-qr'],
  },
  {
    zone: 'platform/console',
    files: ['platform/console/**/*.ts', 'platform/console/**/*.tsx'],
    folders: ['platform/console', 'contract'],
    packages: [...REACT, 'mediasoup-client', 'mediasoup-client/*'],
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.cabine/**',
      'test-results/**',
      'eslint.config.js',
      '.eslint/**',
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
  ...ZONES.map(({ zone, files, folders, packages }) => ({
    files,
    ignores: NOT_PRODUCTION,
    plugins: { cabine: { rules: { 'allowed-imports': allowedImportsRule(import.meta.dirname) } } },
    rules: { 'cabine/allowed-imports': ['error', { zone, folders, packages }] },
  })),
  {
    // The machines name their delays in `setup`; main provides the clock.
    files: ['state-machines/**/*.ts'],
    ignores: NOT_PRODUCTION,
    rules: {
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
);

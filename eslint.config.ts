import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Import zones (ARCHITECTURE.md): the path tells what code may touch. */
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'zlib', 'stream', 'url', 'module'];

const RENDERER_PATHS = ['electron', 'better-sqlite3'];
const RENDERER_PATTERNS = [
  { group: ['**/electron/**'], message: 'renderer/ never imports electron/ code.' },
  { group: NODE_BUILTINS, message: 'renderer/ never imports Node built-ins.' },
];

export default defineConfig(
  { ignores: ['tmp/**', '.tmp/**', 'out/**', 'dist/**', 'node_modules/**', 'resources/**', 'electron/cli/padu.js'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      'no-console': 'off',
      // Typed row helpers (`all<Row>(db, sql`…`)`) name the row type only in the return type.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'echarts', 'ag-grid-community', 'ag-grid-react', 'better-sqlite3'],
        patterns: [
          { group: ['**/electron/**', '**/renderer/**', '../../electron/*', '../renderer/*'], message: 'shared/ imports nothing outside shared/.' },
          { group: NODE_BUILTINS, message: 'shared/ is pure TypeScript: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'test/renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: RENDERER_PATHS, patterns: RENDERER_PATTERNS }],
    },
  },
  {
    // AG Grid and ECharts stay behind their adapters (components/DataGrid.tsx, components/Chart.tsx).
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'test/renderer/**/*.ts'],
    ignores: ['renderer/src/components/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: RENDERER_PATHS,
        patterns: [
          ...RENDERER_PATTERNS,
          { group: ['ag-grid-*', 'echarts', 'echarts/*'], message: 'Only renderer/src/components/ (DataGrid, Chart) imports AG Grid or ECharts.' },
        ],
      }],
    },
  },
  {
    files: ['electron/warehouse/**/*.ts', 'electron/cli/**/*.ts', 'electron/host/**/*.ts', 'test/**/*.ts'],
    // Renderer tests import the renderer; they follow the renderer's zone above.
    ignores: ['test/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Warehouse, hosts and tests never import electron (it cannot load here).' }],
        patterns: [
          { group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'The warehouse never imports the renderer or the Electron shell.' },
        ],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/warehouse/**', '**/renderer/**', '**/cli/**', '**/host/**'], message: 'The Electron shell stays thin: it starts the warehouse process, it never imports its code.' },
        ],
      }],
    },
  },
);

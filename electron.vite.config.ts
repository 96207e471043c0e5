import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security/csp.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** The page's <meta> CSP comes from the same source as the hosts' CSP headers. */
function cspMeta(): Plugin {
  return {
    name: 'padu-csp-meta',
    transformIndexHtml: (html) => html.replace('%PADU_CSP%', contentSecurityPolicy([], { meta: true })),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: 'electron/main/index.ts',
          warehouse: 'electron/warehouse/hosts/utility.ts',
          // Import workers: started by path from the warehouse bundle (see imports/run.ts).
          'import-reader': 'electron/warehouse/imports/reader-worker.ts',
          'import-writer': 'electron/warehouse/imports/writer-worker.ts',
          // The second core's half of a cross-tab scan (see analysis/scan-pool.ts).
          'analysis-scan': 'electron/warehouse/analysis/scan-worker.ts',
          // Boundary files (maps/import.ts), parsed in a killable worker like every untrusted file.
          'maps-boundary': 'electron/warehouse/maps/boundary-worker.ts',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspMeta()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: 'renderer/index.html' },
      chunkSizeWarningLimit: 4000,
    },
  },
});

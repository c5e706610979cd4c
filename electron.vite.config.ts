import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Entries follow electron-vite's conventions: src/main/index.ts, src/preload/index.ts, src/renderer/index.html.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // The core host runs in its own utility process: a second entry, out/main/core-host.js.
      rollupOptions: {
        input: { index: 'src/main/index.ts', 'core-host': 'src/main/core-host/host-entry.ts' },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require() modules: bundle everything it uses, emit CommonJS.
    build: { externalizeDeps: false, rollupOptions: { output: { format: 'cjs' } } },
  },
  renderer: {
    plugins: [react()],
    build: { target: 'chrome120', sourcemap: false },
  },
});

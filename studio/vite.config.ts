// Builds the studio page (studio/web) into studio/dist, which `archmap serve` serves. No CDN: everything is bundled.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Deterministic file names are not needed: the server reads whatever the build wrote.
    assetsInlineLimit: 0,
  },
});

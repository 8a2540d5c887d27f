// The dashboard is built into the detente binary (see src/serve/CMakeLists.txt,
// which passes --outDir); nothing is loaded from a CDN or the network at run time.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    target: 'es2020',
    // No inline module-preload polyfill: the server's Content-Security-Policy allows
    // only scripts from 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1000,
  },
});

import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

/** The dev server injects styles and talks over a WebSocket: its page gets a looser policy than the build. */
function devSecurityPolicy(): Plugin {
  return {
    name: 'gr2r-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:5173"),
  };
}

/** The renderer: built to out/renderer, loaded by Electron from gr2r://app/ and by `gr2r serve` from /. */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [vue(), devSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
});

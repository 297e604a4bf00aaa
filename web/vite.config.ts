/**
 * Builds the dashboard (SPEC §17.5) into `dist/web`, which the service serves
 * itself: no CDN, hashed asset names under `/assets/` (cached immutably by
 * `src/server/static.ts`), and no inline scripts so `script-src 'self'` holds.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** A path next to this file (no node:url: this config is type-checked with DOM types only). */
const here = (rel: string): string => decodeURIComponent(new URL(rel, import.meta.url).pathname);

export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: here("../dist/web"),
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});

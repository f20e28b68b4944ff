import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The admin gateway serves the API, the sign-in routes and these built files on one origin; the
// dev server forwards the first two so that cookies and CSRF behave the same as in production.
const gatewayOrigin = "http://127.0.0.1:8080";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        manualChunks(id) {
          if (!id.includes("node_modules")) return undefined;
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return "react";
          if (id.includes("node_modules/react-router")) return "router";
          if (/node_modules\/@(bufbuild|connectrpc)\//.test(id)) return "rpc";
          return "vendor";
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/ledgerflow.admin.v1.AdminService": { target: gatewayOrigin, changeOrigin: false },
      "/auth": { target: gatewayOrigin, changeOrigin: false },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    testTimeout: 15000,
  },
});

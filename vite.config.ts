import react from '@vitejs/plugin-react';
import {defineConfig} from 'vite';

// The client lives in client/; `npm run build` writes client/dist, which the
// API serves. Under `npm run dev` Vite serves it and proxies /api to the API.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500},
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: {'/api': `http://127.0.0.1:${process.env.TANDEM_API_PORT ?? 3000}`},
  },
});

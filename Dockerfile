# The Tandem API server; it also applies migrations, seeds and serves the
# built client. zero-cache runs from its own image (see docker-compose.yml).
# Zero needs Node 22+.
FROM node:22-slim
WORKDIR /app
ENV DO_NOT_TRACK=1

# Full install first: the client build needs the devDependencies (vite).
# package-lock.json pins every version; npm fetches them from the registry.
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund

COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

ENV NODE_ENV=production \
    PORT=3000 \
    TANDEM_DATA_DIR=/data
EXPOSE 3000
CMD ["node", "--import", "tsx", "server/main.ts"]

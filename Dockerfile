# The Tandem API server (also serves the built client). Zero needs Node 22+.
FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production DO_NOT_TRACK=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
EXPOSE 3000
CMD ["node", "--import", "tsx", "server/main.ts"]

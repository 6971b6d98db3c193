# One image for the API (which also serves the web workbench built into dist/web), the worker and the one-shot
# migrate/seed job. `npm run build` compiles the Nest apps and builds the Vue app with Vite (its packages are
# devDependencies: they are needed at build time only).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY migrations migrations
COPY seeds seeds
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY seeds seeds
# Where compose's app-secrets volume goes: owned by node, so the first start can write its generated keys.
RUN mkdir -p /var/lib/kpt-secrets && chown node:node /var/lib/kpt-secrets
# Where compose's attachments volume goes (the local attachment store): owned by node too.
RUN mkdir -p /data/attachments && chown node:node /data/attachments
USER node
EXPOSE 3000 3001
CMD ["node", "dist/apps/api/src/main.js"]

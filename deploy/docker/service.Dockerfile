# One image recipe for each of the four services: docker build --build-arg SERVICE=matching -f deploy/docker/service.Dockerfile .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json nx.json ./
COPY libs ./libs
COPY services ./services
COPY tools ./tools
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:20-bookworm-slim
ARG SERVICE
ENV NODE_ENV=production HOST=0.0.0.0 SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/tools/register-paths.js ./tools/register-paths.js
USER node
# SIGTERM reaches node directly (exec form), so the service drains its consumer and closes its producer.
CMD ["sh", "-c", "exec node -r ./tools/register-paths.js dist/services/${SERVICE}/src/main.js"]

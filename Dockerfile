# syntax=docker/dockerfile:1
# One image for all five apps; the app is chosen at run time:
#   docker run -e APP=customers IMAGE        or   docker run IMAGE customers [migrate]

# ---- build: full dependencies, compile TypeScript to dist/, then drop dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs libs
COPY apps apps
COPY scripts scripts
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf dist/.tsbuildinfo dist/tsconfig.tsbuildinfo

# ---- runtime: production dependencies and compiled code only, running as a non-root user
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build --chmod=755 /app/scripts/docker-entrypoint.sh /usr/local/bin/c360-app
# uid/gid 1000 is the image's "node" user; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
# gateway 3000; customers 3001, bookings 3002, loyalty 3003, marketing 3004 (health, metrics)
EXPOSE 3000 3001 3002 3003 3004
ENTRYPOINT ["c360-app"]
CMD []

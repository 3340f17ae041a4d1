# syntax=docker/dockerfile:1
# Switchboard container image. Node 24 runs the TypeScript sources directly (type stripping), so
# there is no build step: one stage resolves production dependencies, the final stage copies them
# next to the sources and runs as the unprivileged "node" user.
#   docker build -t switchboard .
#   docker run -p 4000:4000 -e SWITCHBOARD_MASTER_KEY=change-me switchboard
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev also leaves out the "node" devDependency that pins Node for npm scripts: the base
# image's Node 24 runs the gateway. No dependency needs an install script.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
# The code stays root-owned and read-only to the process; mount the config, e.g. at
# /etc/switchboard/switchboard.yaml with SWITCHBOARD_CONFIG pointing there.
# The embedded store (sqlite://./data/switchboard.db) and the ledger spill file live here.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 4000
# Slim images have no curl or wget; Node's fetch does the probe. 503 while starting or draining.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# --no-maglev must be on the command line: see docs/deployment.md#node-flags.
CMD ["node", "--no-maglev", "bin/switchboard.js", "start"]

# One image for every process of the platform. Pick the process with SERVICE (or the command):
#   docker run -e SERVICE=inventory -e NATS_URL=... -e DATABASE_URL=... distributed-shop
#   docker run distributed-shop gateway
# Processes: gateway auth inventory cart orders payment notification smtp-sink (backend/cluster/src/process-specs.ts).
ARG NODE_IMAGE=node:24-bookworm-slim

# --- dependencies (all of them, to build) -------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# A lockfile made on another platform can miss optional binaries; fall back to npm install then.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

# --- build: backend (tsc) and the Angular apps ---------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build:backend \
 && if [ -f angular.json ]; then npm run build:web; fi

# --- production dependencies only ----------------------------------------------------------------
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime --------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    BIND_HOST=0.0.0.0 \
    HEALTH_PORT=8080 \
    PORT=3000 \
    NODE_OPTIONS=--max-semi-space-size=1
WORKDIR /app
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Files read at run time beside the code (product images, templates).
COPY --from=build /app/backend ./backend
USER node
EXPOSE 3000 8080
# Liveness of whatever process runs: the gateway answers on PORT, the others on HEALTH_PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=5 \
  CMD node -e "const p=process.env.SERVICE==='gateway'?process.env.PORT:process.env.HEALTH_PORT;fetch('http://127.0.0.1:'+p+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Starts the process with its own Node flags (young generation size) from process-specs.ts.
ENTRYPOINT ["sh", "backend/cluster/docker-entrypoint.sh"]
CMD []

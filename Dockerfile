# factory/deploy as a Docker container action. Four stages:
#   builder: Debian 12 with the build dependencies; runs the same build script CI runs.
#   debian:  Debian 12 slim with only the shared libraries the binary links and CA certificates;
#            apt-get works, so it is the one to build on (published as :v1-debian).
#   prune:   debian minus the package manager's front end, perl and what only they need
#            (scripts/prune-runtime.sh, which fails the build if anything left lost a library).
#   final:   prune's files as one layer (the default target, published as :v1): deleting files in
#            a later layer would not make the image smaller.
# No USER (the runner needs root for the workspace and file-command mounts; files written into the
# workspace are chowned to its owner by the program), no WORKDIR reliance, exec-form ENTRYPOINT.
# Extend it for platform CLIs: FROM ghcr.io/factory/deploy:v1-debian (docs/CONTAINER.md).

FROM debian:bookworm AS builder
ENV DEBIAN_FRONTEND=noninteractive
COPY scripts/install-deps.sh /src/scripts/install-deps.sh
RUN /src/scripts/install-deps.sh --build-only && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN /src/scripts/build-in-image.sh --build-dir /src/build --out /out

FROM debian:bookworm-slim AS debian
LABEL org.opencontainers.image.title="factory-deploy" \
      org.opencontainers.image.description="Gated deploys with health checks, rollback and a receipt" \
      org.opencontainers.image.source="https://github.com/factory/deploy"
COPY --from=builder /out/runtime-packages.txt /tmp/runtime-packages.txt
RUN export DEBIAN_FRONTEND=noninteractive \
 && apt-get update \
 && xargs -a /tmp/runtime-packages.txt apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log \
           /tmp/runtime-packages.txt
COPY --from=builder /out/factory-deploy /usr/local/bin/factory-deploy
ENTRYPOINT ["/usr/local/bin/factory-deploy"]

FROM debian AS prune
COPY scripts/prune-runtime.sh /tmp/prune-runtime.sh
RUN /tmp/prune-runtime.sh && rm /tmp/prune-runtime.sh

FROM scratch
COPY --from=prune / /
LABEL org.opencontainers.image.title="factory-deploy" \
      org.opencontainers.image.description="Gated deploys with health checks, rollback and a receipt" \
      org.opencontainers.image.source="https://github.com/factory/deploy"
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENTRYPOINT ["/usr/local/bin/factory-deploy"]

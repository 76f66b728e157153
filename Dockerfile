# feige in a container: Debian 12 (bookworm-slim), two stages.
#
#   docker build -t feige .
#   docker run -d --name feige -p 8080:8080 -v feige-data:/var/lib/feige \
#       -e FEIGE_PUBLIC_URL=https://push.example.com feige
#   docker logs feige        # the first start prints the admin token
#
# The build stage installs what scripts/install-deps.sh installs (the
# same list as a build from source) and builds with the Makefile.  The
# runtime stage has only the shared libraries the binary links (checked
# against the binary by tests/pkg/test-deb.sh), CA certificates for
# upstream TLS, and curl for the health check (small next to libcurl,
# which feige needs anyway).  feige runs as the unprivileged user feige
# (uid and gid 10001, for bind mounts), is configured from FEIGE_*
# variables (every option of etc/feige.conf has one, see
# docs/operations.md) and keeps its database in the volume
# /var/lib/feige, or in PostgreSQL with FEIGE_STORE_URL (docs/scale.md).  It handles SIGTERM as PID 1 (accepted messages are
# committed before it exits), so no init is needed.

FROM debian:bookworm-slim AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN scripts/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
RUN make -j"$(nproc)" WERROR= \
    && make install PREFIX=/usr DESTDIR=/out \
    && strip /out/usr/bin/feige

FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       libmicrohttpd12 libjansson4 libsqlite3-0 libpq5 libcurl4 libmd4c-html0 \
       libsodium23 libqrencode4 libduktape207 libssl3 zlib1g libexpat1 libwslay1 \
       ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 feige \
    && useradd --system --uid 10001 --gid feige --home-dir /var/lib/feige \
       --no-create-home --shell /usr/sbin/nologin feige \
    && install -d -o feige -g feige -m 0700 /var/lib/feige
COPY --from=build /out/usr/bin/feige /usr/bin/feige
COPY --from=build /out/usr/share/doc/feige/ /usr/share/doc/feige/
ENV FEIGE_LISTEN=0.0.0.0:8080 \
    FEIGE_DATA=/var/lib/feige
USER feige
VOLUME /var/lib/feige
EXPOSE 8080
# the port of FEIGE_LISTEN, so a changed port keeps the check right
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${FEIGE_LISTEN##*:}/healthz" || exit 1
STOPSIGNAL SIGTERM
CMD ["feige", "serve"]

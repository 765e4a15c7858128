# syntax=docker/dockerfile:1
#
# Gränsnav hub image. Built by docker-compose.yml (service hub); configured there by environment
# variables only. The image itself starts in the embedded defaults of config/application.yml
# (Artemis and H2 inside the hub), with its data in /var/lib/gransnav.

# ---- build ----------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
# The cache mount keeps ~/.m2 between builds (BuildKit, the default builder of Docker and Compose v2).
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -B -DskipTests package \
    && java -Djarmode=tools -jar target/gransnav-*.jar extract --destination /build/extracted \
    && mv /build/extracted/gransnav-*.jar /build/extracted/gransnav.jar

# ---- run ------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# A fixed, unprivileged user. /var/lib/gransnav belongs to it, so a named volume mounted there
# starts out writable by the hub.
RUN groupadd --system --gid 10001 gransnav \
    && useradd --system --uid 10001 --gid gransnav --home-dir /app --no-create-home \
               --shell /usr/sbin/nologin gransnav \
    && mkdir -p /var/lib/gransnav \
    && chown gransnav:gransnav /var/lib/gransnav

# The jar extracted (Spring Boot's -Djarmode=tools extract): the application jar with its libraries
# in lib/ beside it, which starts faster than the nested jars of the fat jar and is what class data
# sharing needs. The libraries change less often than the application: a layer of their own.
WORKDIR /app
COPY --from=build /build/extracted/lib/ /app/lib/
COPY --from=build /build/extracted/gransnav.jar /app/gransnav.jar
# The hub reads config/application.yml and the registries from ./config and its routes from
# file:routes/*.camel.yaml, both relative to the working directory. Owned by root and read-only to
# the hub; docker-compose.yml mounts the host's config/ over /app/config (read-only) so operators
# can edit partners and förbund without a rebuild.
COPY routes/ /app/routes/
COPY config/ /app/config/

# Class data sharing: a training start on a throwaway data dir and key, which exits once the
# Spring context is refreshed and leaves the classes it loaded in /app/gransnav.jsa. The hub maps
# them at start instead of loading and verifying them again (about 45 % less CPU to start,
# measured, docs/benchmarks.md "Start time and idle memory"; bench/start-and-rss.sh does the same).
# The JVM ignores an archive that does not fit (another JVM or jar) and starts without it. Heap
# options come from JAVA_TOOL_OPTIONS (docker-compose.yml sets them).
RUN java -XX:ArchiveClassesAtExit=/app/gransnav.jsa -Dspring.context.exit=onRefresh -jar /app/gransnav.jar \
        --gransnav.data-dir=/tmp/cds-training --gransnav.payloads.encryption-key="$(head -c 32 /dev/urandom | base64)" \
        --server.port=18080 "--gransnav.broker.acceptor=tcp://127.0.0.1:18616?protocols=CORE" \
    && rm -rf /tmp/cds-training

# Not /app/data: /app is not writable by the hub.
ENV GRANSNAV_DATA_DIR=/var/lib/gransnav

USER gransnav:gransnav
EXPOSE 8080

# /actuator/health is open (details only for operators): 200 when UP, 503 when the broker or the
# database is down. Plain bash, as the JRE image need not have curl or wget.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/gransnav.jsa", "-jar", "/app/gransnav.jar"]

#!/usr/bin/env bash
# Builds the braid binary: a jlink runtime image holding the application's
# jars, a `braid` launcher that needs no flags, and a JDK 25 AOT cache made
# by a training run (start every built-in service, then stop).
#
#   build-image.sh JAVA_HOME APP_JAR LIB_DIR IMAGE_DIR MAIN_CLASS ETC_DIR
#
# Runs in Maven's package phase (app/pom.xml). It does nothing when the image
# is newer than every input jar, so repeated builds stay fast.
set -euo pipefail

java_home=$1 app_jar=$2 lib_dir=$3 image=$4 main=$5 etc=$6
here="$(cd "$(dirname "$0")" && pwd)"
jars=("$app_jar" "$lib_dir"/*.jar)
stamp="$image/lib/braid.stamp"

# Up to date? The stamp lists the input jars; the image must be newer than each.
listing="$(for j in "${jars[@]}"; do basename "$j"; done)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$listing" ]]; then
  fresh=1
  for j in "${jars[@]}" "$0" "$here/braid.sh" "$here/training.yaml" $(find "$etc" -type f); do
    [[ "$j" -nt "$stamp" ]] && fresh=0 && break
  done
  if [[ $fresh == 1 ]]; then
    echo "braid image is up to date: $image"
    exit 0
  fi
fi

rm -rf "$image"
started=$(date +%s%N)

# The JDK modules the jars use (jdeps), plus what is reached by reflection or
# by optional features: signals (jdk.unsupported), resource scripts compiled
# at run time (java.compiler, jdk.compiler), hosted HttpHandler apps
# (jdk.httpserver), the reverse proxy (java.net.http), JDBC pools (java.sql),
# and TLS with elliptic curves.
found="$("$java_home/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 \
          --class-path "$lib_dir/*" "${jars[@]}" 2>&1 | tail -1)"
if [[ ! "$found" =~ ^[a-z.,]+$ ]]; then
  echo "jdeps failed: $found" >&2
  exit 1
fi
# Only SnakeYAML's JavaBean mapping needs java.desktop (java.beans), and
# Helidon's YAML parser reads plain maps: leaving the module out saves 12 MB
# (checked: deployment files load without it).
found="$(echo "$found" | tr ',' '\n' | grep -vx java.desktop | paste -sd, -)"
modules="$found,jdk.unsupported,java.compiler,jdk.compiler,jdk.httpserver,java.net.http,java.sql,java.naming,jdk.crypto.ec,jdk.zipfs"

"$java_home/bin/jlink" \
  --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --add-options="--enable-preview --enable-native-access=ALL-UNNAMED" \
  --output "$image"

mkdir -p "$image/lib/app" "$image/etc"
cp "${jars[@]}" "$image/lib/app/"
# The example files: the poems the poetry plugins serve by default, the demo's
# public_html, htpasswd, cgi-bin and user pages, the deployment files
# (braid.home/etc).
cp -r "$etc/." "$image/etc/"

# The class path is written out jar by jar, in a fixed order: the AOT cache
# is only used when the run's class path starts with the training run's.
classpath=""
for j in "${jars[@]}"; do
  classpath+="${classpath:+:}\$home/lib/app/$(basename "$j")"
done
sed -e "s|@CLASSPATH@|$classpath|" -e "s|@MAIN@|$main|" "$here/braid.sh" > "$image/bin/braid"
cat > "$image/bin/braid-get-poetry" <<'SCRIPT'
#!/bin/sh
# Downloads poems from poetry servers: braid-get-poetry HOST:PORT...
exec "$(dirname "$(readlink -f "$0")")/braid" client get-poetry "$@"
SCRIPT
chmod 755 "$image/bin/braid" "$image/bin/braid-get-poetry"

# Training run for the AOT cache: start the services of training.yaml on
# ephemeral ports, then stop at once (BRAID_EXIT_AFTER_START).
train="$(mktemp -d)"
trap 'rm -rf "$train"' EXIT
if (cd "$train" && BRAID_EXIT_AFTER_START=1 BRAID_AOT_OUTPUT="$image/lib/braid.aot" \
      "$image/bin/braid" -n --pidfile= --logfile="$train/training.log" --config "$here/training.yaml" \
      >"$train/training.out" 2>&1); then
  :
else
  echo "warning: the AOT training run failed; the image works without a cache" >&2
  cat "$train/training.out" "$train/training.log" >&2 2>/dev/null || true
  rm -f "$image/lib/braid.aot"
fi

echo "$listing" > "$stamp"
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
size=$(du -sm "$image" | cut -f1)
echo "braid image built in ${elapsed} ms: $image (${size} MB, modules $modules)"

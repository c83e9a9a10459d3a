#!/usr/bin/env bash
# Builds the benchmarks module and runs Braid's JMH benchmarks with the
# allocation profiler (-prof gc): ns/op and B/op for every benchmark.
#
#   bench/jmh.sh                       # every benchmark (about 6 minutes)
#   bench/jmh.sh CallbackChain -f 1    # a regex of benchmarks, plus any JMH options
#
# Results also go to bench/results/jmh.txt (not committed). See BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
java_home="$("$root/bin/find-jdk25")"
"$root/bin/mvn" -q -B -Pbench -pl benchmarks -am -DskipTests package
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/runtime-classpath.txt")"
mkdir -p "$root/bench/results"
"$java_home/bin/java" --enable-preview -cp "$cp" org.openjdk.jmh.Main -prof gc "$@" \
  | tee "$root/bench/results/jmh.txt"

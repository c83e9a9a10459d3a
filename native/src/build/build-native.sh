#!/usr/bin/env bash
# Builds the braid native binary with GraalVM's image generator (the
# org.graalvm.nativeimage:svm jars from Maven Central) on a plain JDK 25:
#
#   build-native.sh JAVA_HOME BUILDER_JARS SVM_SOURCES_JAR CLASSPATH_DIR MAIN_CLASS ETC_DIR WORK OUT [SUBSTITUTIONS_JAR]
#
#   BUILDER_JARS    folder of the svm jars and their dependencies
#   CLASSPATH_DIR   folder of the application's jars (braid's app jar and its dependencies)
#   WORK            scratch space (the toolchain, the generator's output)
#   SUBSTITUTIONS_JAR  the native module's own classes (what the image replaces), added to the class path
#   OUT             the result, copied anywhere as a whole:
#                     OUT/braid               the executable (rpath $ORIGIN/lib)
#                     OUT/lib/*.so            the JDK libraries it links
#                     OUT/etc/                the example files (as in the JVM binary)
#                     OUT/bin/braid           a link to ../braid (the JVM binary's layout)
#                     OUT/bin/braid-get-poetry
#
# Environment: BRAID_NATIVE_XMX (the generator's heap, default 5g),
# BRAID_NATIVE_THREADS (its threads, default 2), BRAID_NATIVE_OPTIMIZE
# (2 by default; b builds faster and runs slower), BRAID_NATIVE_CACHE (a folder
# that keeps finished binaries by the hash of every input; default
# ~/.cache/braid-native; "off" to disable).
set -euo pipefail

java_home=$1 builder_jars=$2 sources_jar=$3 classpath_dir=$4 main=$5 etc=$6 work=$7 out=$8 substitutions=${9:-}
here="$(cd "$(dirname "$0")" && pwd)"
java="$java_home/bin/java"
heap="${BRAID_NATIVE_XMX:-5g}"
threads="${BRAID_NATIVE_THREADS:-2}"
optimize="${BRAID_NATIVE_OPTIMIZE:-2}"
cache_root="${BRAID_NATIVE_CACHE:-$HOME/.cache/braid-native}"

mapfile -t app_jars < <(find "$classpath_dir" -maxdepth 1 -name '*.jar' | sort)
[[ -z "$substitutions" ]] || app_jars+=("$substitutions")
[[ ${#app_jars[@]} -gt 0 ]] || { echo "build-native.sh: no jars in $classpath_dir" >&2; exit 1; }
compiler_jar="$(find "$builder_jars" -maxdepth 1 -name 'compiler-*.jar' | head -1)"
[[ -n "$compiler_jar" ]] || { echo "build-native.sh: no Graal compiler jar in $builder_jars" >&2; exit 1; }
graal_version="$(basename "$compiler_jar" .jar)"; graal_version="${graal_version#compiler-}"

# The key of this build: every input's content (jar entries by CRC, not by
# date, since Maven rewrites jars on each package).
key="$( {
  for jar in "${app_jars[@]}" "$builder_jars"/*.jar; do
    echo "$(basename "$jar")"; unzip -Z -v "$jar" 2>/dev/null | grep -E '^  (file system or operating system of origin|32-bit CRC value)' | sed 's/.*://'
  done
  sha256sum "$here"/*.sh "$here"/*.java "$here"/../toolchain/* | cut -c1-64
  sha256sum "$java_home/release" "$java_home"/lib/lib{java,nio,net,zip,extnet,management_ext}.so | cut -c1-64
  find "$etc" -type f -print0 | sort -z | xargs -0 sha256sum
  echo "$main $heap $optimize"
} | sha256sum | cut -c1-64)"

install_result() { # from a finished folder to OUT
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  cp -a "$1" "$out"
}

if [[ -f "$out/build.key" && "$(cat "$out/build.key")" == "$key" ]]; then
  echo "braid native binary is up to date: $out/braid"
  exit 0
fi
if [[ "$cache_root" != off && -f "$cache_root/$key/build.key" ]]; then
  install_result "$cache_root/$key"
  echo "braid native binary restored from the build cache ($cache_root/$key): $out/braid"
  exit 0
fi

started=$(date +%s)
bash "$here/toolchain.sh" "$java_home" "$sources_jar" "$work/toolchain"
toolchain="$work/toolchain"

# The generator's modules, and every JDK package they may use.
builder_modules=org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.base,jdk.graal.compiler,org.graalvm.truffle.compiler,org.graalvm.nativeimage.configure,org.graalvm.espresso.shared.svm,org.graalvm.nativeimage.libgraal,org.graalvm.nativeimage.shaded.capnproto,org.graalvm.nativeimage,org.graalvm.word,org.graalvm.collections
added_modules=org.graalvm.truffle.compiler,org.graalvm.nativeimage,org.graalvm.word,org.graalvm.collections,jdk.graal.compiler,jdk.internal.vm.ci,java.base,jdk.unsupported,jdk.management,jdk.jfr,java.management,jdk.zipfs,java.compiler
mkdir -p "$work"
: > "$work/exports.args"
for module in java.base jdk.internal.vm.ci jdk.jfr java.management jdk.management jdk.internal.jvmstat jdk.unsupported; do
  "$java" --describe-module "$module" | awk '$1 == "contains" {print $2} $1 == "qualified" {print $3}' | sort -u |
    while read -r package; do echo "--add-exports=$module/$package=$builder_modules"; done >> "$work/exports.args"
done

# Options that the application's jars ask for (their native-image.properties).
"$java" "$here/ImageArguments.java" "$work/jars.args" "${app_jars[@]}"
mapfile -t jar_options < "$work/jars.args"

module_path="$(find "$builder_jars" -maxdepth 1 -name '*.jar' ! -name 'compiler-*.jar' ! -name '*-sources.jar' | sort | paste -sd:)"
image_classpath="$(printf '%s\n' "${app_jars[@]}" | paste -sd:)"
image_dir="$work/image"
rm -rf "$image_dir" "$work/generator"
mkdir -p "$image_dir"

echo "building the braid native binary (GraalVM $graal_version, heap $heap, $threads threads; several minutes)"
# The generator runs on the toolchain's JDK: its java.home holds the builder's helper library.
JVMCI_VERSION_CHECK=ignore "$toolchain/jdk/bin/java" @"$work/exports.args" \
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler \
  -Xss10m -XX:+UseParallelGC "-Xmx$heap" -Xshare:off \
  -Djava.awt.headless=true -Dorg.graalvm.version="$graal_version" -Dcom.oracle.graalvm.isaot=true \
  -Dorg.graalvm.nativeimage.imagecode=buildtime \
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
  -Dtruffle.TrustAllTruffleRuntimeProviders=true -Dtruffle.TruffleRuntime=com.oracle.truffle.api.impl.DefaultTruffleRuntime \
  -Dgraalvm.ForcePolyglotInvalid=true -Dgraalvm.locatorDisabled=true -Dsubstratevm.HostLibC=glibc \
  -Djdk.internal.lambda.disableEagerInitialization=true -Djdk.internal.lambda.eagerlyInitialize=false \
  -Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false \
  -Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1 -Djava.lang.invoke.MethodHandle.PROFILE_GWT=false \
  --enable-preview --add-modules=ALL-DEFAULT \
  --enable-native-access=org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.base \
  --upgrade-module-path "$compiler_jar" --module-path "$module_path" \
  -Dorg.graalvm.nativeimage.module.addmods="$added_modules" --add-modules="$added_modules" \
  --module org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
  -imagecp "$image_classpath" \
  -H:Path="$image_dir" -H:Name=braid -H:Class="$main" \
  -H:ImageBuildID="$(cat /proc/sys/kernel/random/uuid)" \
  -H:NumberOfThreads="$threads" -H:Optimize="$optimize" \
  -H:CLibraryPath="$toolchain/clibs" \
  '-H:NativeLinkerOption=-Wl,-rpath,$ORIGIN/lib' \
  -H:-UseContainerSupport \
  -H:TempDirectory="$work/generator" -H:+TraceNativeToolUsage \
  "${jar_options[@]}"

# The folder: executable, its libraries, the example files.
result="$work/braid-native"
rm -rf "$result"
mkdir -p "$result/lib" "$result/bin" "$result/etc"
cp "$image_dir/braid" "$result/braid"
cp "$toolchain"/jdklibs/*.so "$result/lib/"
cp -r "$etc/." "$result/etc/"
ln -s ../braid "$result/bin/braid"
cat > "$result/bin/braid-get-poetry" <<'SCRIPT'
#!/bin/sh
# Downloads poems from poetry servers: braid-get-poetry HOST:PORT...
exec "$(dirname "$(readlink -f "$0")")/braid" client get-poetry "$@"
SCRIPT
chmod 755 "$result/bin/braid-get-poetry"
echo "$key" > "$result/build.key"
install_result "$result"

if [[ "$cache_root" != off ]]; then
  # Keep the two newest binaries.
  mkdir -p "$cache_root"
  rm -rf "${cache_root:?}/$key.tmp"
  cp -a "$result" "$cache_root/$key.tmp" && mv "$cache_root/$key.tmp" "$cache_root/$key"
  ls -1dt "$cache_root"/*/ 2>/dev/null | tail -n +3 | xargs -r rm -rf
fi
size=$(du -sm "$out" | cut -f1)
echo "braid native binary built in $(( $(date +%s) - started )) s: $out/braid (folder $size MB)"

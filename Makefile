# The two commands of the README:
#   make demo   builds Braid (no tests) and runs the demo
#   make test   installs the test packages (or names the missing ones and stops),
#               then builds Braid and runs every test
# Both find a JDK 25 by themselves (bin/find-jdk25) and fetch Maven through ./mvnw.
# The test packages are listed in .ci/test-packages.
#   make native       also builds the native binary, app/target/braid-native/braid (gcc; docs/native.md)
#   make test-native  every test, then the native binary's tests

MVN := bin/mvn -B

.PHONY: demo test test-heavy test-packages build clean defer-trace native test-native

demo: build
	bin/demo

test: test-packages
	$(MVN) verify

# The long attack tests: 1, 16 and 100 MiB static files downloaded 10 times each over
# HTTP/1.1, h2c and h2, compared by SHA-256 (a minute).
test-heavy: test-packages
	$(MVN) -Pheavy -pl web-routes -am verify -Dtest=StaticFilesHardeningTest -Dsurefire.failIfNoSpecifiedTests=false

test-packages:
	bin/install-test-packages

build:
	$(MVN) -DskipTests package

native:
	$(MVN) -Pnative -DskipTests package

test-native: test-packages
	$(MVN) -Pnative verify

clean:
	$(MVN) clean

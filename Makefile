# The two commands of the README:
#   make demo   builds Braid (no tests) and runs the demo
#   make test   installs the test packages (or names the missing ones and stops),
#               then builds Braid and runs every test
# Both find a JDK 25 by themselves (bin/find-jdk25) and fetch Maven through ./mvnw.
# The test packages are listed in .ci/test-packages.

MVN := bin/mvn -B

.PHONY: demo test test-heavy test-packages build clean defer-trace

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

clean:
	$(MVN) clean

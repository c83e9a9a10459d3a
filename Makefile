# The two commands of the README:
#   make demo   builds Braid (no tests) and runs the demo
#   make test   builds Braid and runs every test
# Both find a JDK 25 by themselves (bin/find-jdk25) and fetch Maven through ./mvnw.

MVN := bin/mvn -B

.PHONY: demo test build clean defer-trace

demo: build
	bin/demo

test:
	$(MVN) verify

build:
	$(MVN) -DskipTests package

clean:
	$(MVN) clean

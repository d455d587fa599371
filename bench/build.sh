# Sourced by the bench scripts: builds target/lujing.jar, the classpath and bench/src; sets $cp.
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -encoding UTF-8 -d target/bench-classes -cp "$cp" $(find bench/src -name '*.java')

# Sourced by bin/* and .ci/run: picks a JDK >= 21 and checks Node. Prints what it chose.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

select_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "using JDK $major at $JAVA_HOME"; return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    major=$(java_major java)
    if [ "${major:-0}" -ge 21 ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
      export JAVA_HOME; echo "using JDK $major at $JAVA_HOME"; return 0
    fi
  fi
  # The default java is older: take the newest JDK >= 21 installed under the usual roots.
  for candidate in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then
      export JAVA_HOME=$candidate; echo "using JDK $major at $JAVA_HOME"; return 0
    fi
  done
  echo "error: LiveInsight needs JDK 21 or newer; none found. Install one and set JAVA_HOME." >&2
  return 1
}

check_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: Node 18+ and npm are needed (kinesis-mock runs on Node). Install them first." >&2
    return 1
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 18 ]; then
    echo "error: Node $major found; kinesis-mock needs Node 18 or newer." >&2
    return 1
  fi
  echo "using Node $(node --version)"
}

quiet_maven_on_new_jdks() {
  # Maven's Guice and Netty touch sun.misc.Unsafe; JDK 24+ warns about it on every run.
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

#!/usr/bin/env bash
# Builds target/Continuo-<version>.pkg with jpackage: Continuo.app with a jlink-trimmed Java runtime, and (from
# resources/postinstall) the LaunchAgent /Library/LaunchAgents/dev.continuo.serve.plist that starts the engine at
# login. Not run in this project's Linux CI.
# Usage: build-pkg.sh VERSION INPUT_DIR MAIN_JAR TARGET_DIR
set -euo pipefail
version="$1" input="$2" main_jar="$3" target="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
modules="$(tr -d '[:space:]' < "$here/../modules.txt")"
rm -rf "$target/jpackage"
jpackage --type pkg --name Continuo --dest "$target" \
  --input "$input" --main-jar "$main_jar" --main-class dev.continuo.bridge.cli.Continuo \
  --app-version "${version%%-*}" --vendor "Continuo" \
  --description "Machine-generated accompaniment for your DAW" \
  --add-modules "$modules" --resource-dir "$here/resources" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive" \
  --java-options '-Dcontinuo.launcher=/Applications/Continuo.app/Contents/MacOS/Continuo' --java-options '-Xmx2g' \
  --java-options '-Dorg.bytedeco.javacpp.maxbytes=4g' --java-options '-Dorg.bytedeco.javacpp.maxphysicalbytes=8g'
ls "$target"/Continuo-*.pkg

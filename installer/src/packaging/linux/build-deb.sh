#!/usr/bin/env bash
# Builds target/continuo_<version>_<arch>.deb: jpackage's application image with a jlink-trimmed Java runtime under
# /opt/continuo, the command /usr/bin/continuo, and the systemd user unit /usr/lib/systemd/user/continuo.service.
# jpackage makes the image; dpkg-deb makes the package, so that every file belongs to it (jpackage's own .deb
# cannot place files outside /opt). The plug-ins go where hosts look for everyone's: /usr/lib/lv2, /usr/lib/clap and
# /usr/lib/vst3 (those that were built).
# Usage: build-deb.sh VERSION INPUT_DIR MAIN_JAR TARGET_DIR PLUGINS_DIR
set -euo pipefail

version="$1" input="$2" main_jar="$3" target="$4" plugins="$5"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
modules="$(tr -d '[:space:]' < "$here/../modules.txt")"
numeric_version="${version%%-*}"
deb_version="${version/-SNAPSHOT/~snapshot}"
arch="$(dpkg --print-architecture)"

for tool in jpackage dpkg-deb fakeroot; do
  command -v "$tool" >/dev/null || { echo "build-deb.sh: $tool is missing (apt-get install fakeroot dpkg-dev)" >&2; exit 1; }
done

rm -rf "$target/jpackage" "$target/deb-root"
# The launcher tells "continuo service install" where it lives ($APPDIR is jpackage's lib/app folder).
jpackage --type app-image --name continuo --dest "$target/jpackage" \
  --input "$input" --main-jar "$main_jar" --main-class dev.continuo.bridge.cli.Continuo \
  --app-version "$numeric_version" --vendor "Continuo" \
  --description "Machine-generated accompaniment for your DAW" \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive" \
  --java-options '-Dcontinuo.launcher=/usr/bin/continuo' --java-options '-Dcontinuo.plugins=/usr/lib' \
  --java-options '-Xmx2g' \
  --java-options '-Dorg.bytedeco.javacpp.maxbytes=4g' --java-options '-Dorg.bytedeco.javacpp.maxphysicalbytes=8g'

root="$target/deb-root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/lib/systemd/user" "$root/DEBIAN"
cp -a "$target/jpackage/continuo" "$root/opt/continuo"
install -m 0755 "$here/continuo.sh" "$root/usr/bin/continuo"
install -m 0644 "$here/continuo.service" "$root/usr/lib/systemd/user/continuo.service"
for bundle in lv2/continuo.lv2 clap/continuo.clap vst3/continuo.vst3; do
  if [[ -e "$plugins/$bundle" ]]; then
    mkdir -p "$root/usr/lib/$(dirname "$bundle")"
    cp -r "$plugins/$bundle" "$root/usr/lib/$bundle"
  fi
done
installed_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kb/" \
  "$here/control" > "$root/DEBIAN/control"

deb="$target/continuo_${deb_version}_${arch}.deb"
fakeroot dpkg-deb --build -Zxz -z6 "$root" "$deb" >/dev/null
echo "Built $deb ($(du -h "$deb" | cut -f1))"

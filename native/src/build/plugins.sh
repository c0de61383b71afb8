#!/bin/sh
# Builds and tests the C plug-ins; run by Maven (exec-maven-plugin) from the native module's directory.
#   compile       the LV2 bundle into target/lv2/continuo.lv2/, the CLAP plug-in into target/clap/continuo.clap,
#                 the VST3 bundle into target/vst3/continuo.vst3/; the AU shim compile-checked against our own
#                 declaration of its ABI (target/au-check/). On macOS: only the AU bundle, target/au/Continuo.component
#   test-compile  the C unit tests into target/c-test/ (the VST3's and AU's through stand-in hosts, the AU's with a
#                 stand-in CoreFoundation); our CLAP test host and its benchmark into target/clap-host/
#   test [SKIP]   runs them (unless SKIP is true: Maven's maven.test.skip); a failure fails the build
# Skips with a message where there is no C compiler or the OS is neither Linux nor macOS (nothing is tested on macOS).
set -eu
mode=${1:-}
CC=${CC:-cc}
CFLAGS="-std=c11 -O2 -Wall -Wextra -Werror -fPIC"
src=src/main/c
core="$src/core/host_clock.c $src/core/link.c $src/core/midi_output.c $src/core/phrase_table.c $src/core/player.c $src/core/control.c $src/core/plugin_core.c $src/core/core_state.c $src/core/params.c $src/core/state.c"
clap_host="src/test/c/clap_host/clap_host.c src/test/c/clap_host/timeline.c"
# Each shim's files (its plug-in and the C tests link them).
clap="$src/clap/continuo_clap.c $src/clap/clap_extensions.c $src/clap/clap_entry.c"
vst3="$src/vst3/continuo_vst3.c $src/vst3/vst3_processor.c $src/vst3/vst3_controller.c $src/vst3/vst3_factory.c"
au="$src/au/continuo_au.c $src/au/au_properties.c $src/au/au_class_info.c"

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "[continuo-native] C plug-ins skipped: no C compiler '$CC' on the PATH"
    exit 0
fi
if [ "$(uname -s)" = Darwin ]; then
    # The AU MIDI processor only (the other shims are built on Linux): a bundle whose executable exports
    # ContinuoAUFactory, as Info.plist names it. Built by the macOS CI job; not tested in a real AU host yet.
    if [ "$mode" = compile ]; then
        component=target/au/Continuo.component/Contents
        mkdir -p "$component/MacOS"
        # shellcheck disable=SC2086
        $CC $CFLAGS -I$src/include -I$src/core -bundle -fvisibility=hidden -o "$component/MacOS/Continuo" \
            $au $core -framework CoreFoundation -lm -lpthread
        cp $src/au/Info.plist "$component/"
        echo "[continuo-native] built target/au/Continuo.component"
    else
        echo "[continuo-native] C tests skipped on macOS: they run on Linux (the AU's through a stand-in host)"
    fi
    exit 0
fi
if [ "$(uname -s)" != Linux ]; then
    echo "[continuo-native] C plug-ins skipped: built on Linux and macOS only (this is $(uname -s))"
    exit 0
fi

case "$mode" in
compile)
    bundle=target/lv2/continuo.lv2
    mkdir -p "$bundle"
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/include -I$src/core -shared -fvisibility=hidden -o "$bundle/continuo.so" \
        $src/lv2/continuo_lv2.c $core -lm -lpthread
    mkdir -p target/c-tools
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/include -I$src/core -o target/c-tools/continuo_ttl $src/lv2/continuo_ttl.c $src/core/params.c -lm
    ./target/c-tools/continuo_ttl > "$bundle/continuo.ttl"
    cp $src/lv2/manifest.ttl "$bundle/"
    echo "[continuo-native] built $bundle"
    # CLAP on Linux: one shared object exporting clap_entry.
    mkdir -p target/clap
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/include -I$src/core -shared -fvisibility=hidden -o target/clap/continuo.clap \
        $clap $core -lm -lpthread
    echo "[continuo-native] built target/clap/continuo.clap"
    # VST3: the module is Contents/<architecture>-linux/<name>.so inside the bundle folder.
    vst3_module=target/vst3/continuo.vst3/Contents/$(uname -m)-linux
    mkdir -p "$vst3_module"
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/include -I$src/core -shared -fvisibility=hidden -o "$vst3_module/continuo.so" \
        $vst3 $core -lm -lpthread
    echo "[continuo-native] built target/vst3/continuo.vst3"
    # The AU shim cannot be linked here (no CoreFoundation): compiled against au_abi.h so that it cannot rot.
    mkdir -p target/au-check
    for file in $au; do
        # shellcheck disable=SC2086
        $CC $CFLAGS -I$src/include -I$src/core -c -o "target/au-check/$(basename "$file" .c).o" "$file"
    done
    echo "[continuo-native] compile-checked the AU shim (built on macOS only)"
    ;;
test-compile)
    mkdir -p target/c-test
    # malloc is wrapped so the tests can prove the audio-thread calls allocate nothing.
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/include -I$src/core -I$src/lv2 -I$src/clap -I$src/vst3 -I$src/au -Isrc/test/c \
        -Isrc/test/c/clap_host -Isrc/test/c/au_host -Isrc/test/c/vst3_host -o target/c-test/continuo_tests \
        src/test/c/*.c src/test/c/au_host/*.c src/test/c/vst3_host/*.c $src/lv2/continuo_lv2.c $clap $vst3 $au \
        $clap_host $core \
        -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -lm -lpthread -ldl
    # The CLAP test host for the end-to-end tests, and the audio-thread benchmark (run by hand), both loading
    # target/clap/continuo.clap; the benchmark's stand-in engine is the C tests' own.
    mkdir -p target/clap-host
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/clap -Isrc/test/c/clap_host -o target/clap-host/continuo-clap-host \
        src/test/c/clap_host/main.c $clap_host -lm -ldl
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/include -I$src/core -I$src/clap -Isrc/test/c -Isrc/test/c/clap_host \
        -o target/clap-host/continuo-clap-bench src/test/c/clap_host/bench.c src/test/c/fake_engine.c \
        src/test/c/link_file.c $clap_host $src/core/link.c -lm -ldl -lpthread
    # Phrase end to playable against a running engine (run by hand).
    mkdir -p target/c-tools
    # shellcheck disable=SC2086
    $CC $CFLAGS -I$src/include -I$src/core -o target/c-tools/continuo-phrase-latency \
        src/test/c/bench/phrase_latency.c $core -lm -lpthread
    ;;
test)
    if [ "${2:-false}" = true ]; then
        echo "[continuo-native] C tests skipped (maven.test.skip)"
        exit 0
    fi
    ./target/c-test/continuo_tests
    ;;
*)
    echo "usage: $0 compile|test-compile|test" >&2
    exit 2
    ;;
esac

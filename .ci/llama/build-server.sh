#!/usr/bin/env bash
# Builds llama.cpp's llama-server from the sources that the npm package node-llama-cpp ships, against the prebuilt
# libraries of its @node-llama-cpp/linux-x64 package, and caches the result per version:
#   ~/.cache/piloteval/llama/<version>/bin/llama-server   (plus the prebuilt .so files beside it)
# and the tiny test model beside it (~/.cache/piloteval/llama/<version>/tiny-qwen2.gguf, see make-tiny-model.js).
# A second run on the same machine finds the binary and returns at once. Prints the binary's path on stdout's last
# line; everything else goes to stderr. Needs npm, git, cmake, g++ (CMakeLists.txt beside this script says what is
# compiled and why). Cold: about 8-12 minutes on 2 busy cores.
set -euo pipefail

VERSION="${NODE_LLAMA_CPP_VERSION:-3.21.1}"
ROOT="${PILOTEVAL_LLAMA_CACHE:-$HOME/.cache/piloteval/llama}/$VERSION"
BIN="$ROOT/bin/llama-server"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JOBS="${LLAMA_BUILD_JOBS:-$(nproc)}"

MODEL="$ROOT/tiny-qwen2.gguf"

# The tiny model is generated from the Qwen2 vocabulary in the sources; cheap, so redone whenever the script changed.
make_model() {
    if [[ ! -f "$MODEL" || "$HERE/make-tiny-model.js" -nt "$MODEL" ]]; then
        node "$HERE/make-tiny-model.js" "$ROOT/src/models/ggml-vocab-qwen2.gguf" "$MODEL" >&2
    fi
}

if [[ -x "$BIN" ]] && "$BIN" --version >/dev/null 2>&1 && [[ -f "$ROOT/src/models/ggml-vocab-qwen2.gguf" ]]; then
    make_model
    echo "llama-server $VERSION cached at $BIN" >&2
    echo "$BIN"
    exit 0
fi

for tool in node npm git cmake g++; do
    command -v "$tool" >/dev/null || { echo "build-server.sh: $tool is not installed" >&2; exit 2; }
done

mkdir -p "$ROOT"
NPM_DIR="$ROOT/npm"
if [[ ! -f "$NPM_DIR/node_modules/node-llama-cpp/llama/gitRelease.bundle" ]]; then
    mkdir -p "$NPM_DIR"
    # --ignore-scripts: the package's postinstall would try to download or build its own binaries; we only want
    # the files it ships (the llama.cpp sources bundle and the prebuilt linux-x64 libraries).
    (cd "$NPM_DIR" && [[ -f package.json ]] || echo '{"private":true}' > "$NPM_DIR/package.json")
    (cd "$NPM_DIR" && npm install --no-audit --no-fund --ignore-scripts -E "node-llama-cpp@$VERSION" >&2)
fi
PREBUILT="$NPM_DIR/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64"
[[ -f "$PREBUILT/libllama-common.so" ]] || { echo "build-server.sh: no prebuilt linux-x64 libraries in $PREBUILT" >&2; exit 2; }

SRC="$ROOT/src"
if [[ ! -f "$SRC/tools/server/server.cpp" ]]; then
    rm -rf "$SRC"
    git -c advice.detachedHead=false clone -q "$NPM_DIR/node_modules/node-llama-cpp/llama/gitRelease.bundle" "$SRC" >&2
fi

BUILD="$ROOT/build"
start=$(date +%s)
cmake -S "$HERE" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DLLAMA_SRC="$SRC" -DPREBUILT_DIR="$PREBUILT" >&2
cmake --build "$BUILD" --target llama-server -j "$JOBS" >&2

mkdir -p "$ROOT/bin.tmp"
cp "$PREBUILT"/*.so "$ROOT/bin.tmp/"
cp "$BUILD/llama-server" "$ROOT/bin.tmp/"
rm -rf "$ROOT/bin" && mv "$ROOT/bin.tmp" "$ROOT/bin"
"$BIN" --version >&2
make_model
echo "llama-server $VERSION built in $(( $(date +%s) - start ))s (compile only) at $BIN" >&2
echo "$BIN"

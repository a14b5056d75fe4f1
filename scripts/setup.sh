#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; a second run installs nothing.
# Sources: crates.io, npm and Debian only (GitHub downloads do not work on these machines).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Rust's wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk at the version Trunk.toml asks for.
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (takes a few minutes)"
  # Without --locked: the CLI's own lock names a dependency version crates.io no longer serves.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# wasm-split-cli, which cuts the wasm into the main module and page chunks (scripts/wasm-split.mjs). Its version
# must understand the split markers of the wasm_split_helpers in Cargo.lock.
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (takes a few minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# Node.js for the npm tools and the browser tests.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# npm tools from the committed lockfile: binaryen (wasm-opt), playwright-core, axe-core, dockerfile-utils.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  say "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.lock-sum
fi

# A Chromium for the browser tests: $CHROMIUM, else one on PATH, else Debian's.
if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { say "CHROMIUM=$CHROMIUM is not an executable"; exit 1; }
elif ! command -v chromium >/dev/null; then
  apt_install chromium
fi

# The cross-engine suite (tests/engines/): Firefox ESR, WebKitGTK's WebDriver (which brings MiniBrowser) and the
# virtual display MiniBrowser needs.
missing=()
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi

# Python 3 checks that every ```python block of the notes parses.
if ! command -v python3 >/dev/null; then
  apt_install python3
fi

say "ready"

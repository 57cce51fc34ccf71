#!/usr/bin/env bash
#! Installs every tool nianbao needs, skipping what is already present at the right version.
# Usage: scripts/setup.sh          -> build tools (wasm target, Trunk, wasm-bindgen-cli, npm packages)
#        scripts/setup.sh --test   -> the above plus Chromium, chromedriver, Firefox ESR, CJK fonts, poppler-utils,
#                                     LibreOffice Writer and the OOXML validator (openxml-audit, in .venv)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (takes several minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --locked fails here: the registry copy lacks a locked dependency version (see shared toolchain notes).
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes several minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# zopfli packs the wasm inside the single file dist/nianbao.html (scripts/postbuild.mjs).
if ! command -v zopfli >/dev/null; then
  log "installing Debian package zopfli"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq zopfli
fi

if [ ! -x node_modules/.bin/wasm-opt ] || ! cmp -s package-lock.json node_modules/.package-lock.stamp 2>/dev/null; then
  log "installing npm packages (binaryen for wasm-opt, playwright-core, puppeteer-core)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock.stamp
fi

if [ "${1:-}" = "--test" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # The second print engine: tests/e2e/firefox.test.mjs drives it with puppeteer-core over WebDriver BiDi.
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  # Debian's python3 has no ensurepip (hence no venv) without python3-venv.
  python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
fi
if [ "${1:-}" = "--test" ] && ! cmp -s scripts/requirements-test.txt .venv/requirements.stamp 2>/dev/null; then
  log "installing the Python test tools (openxml-audit) into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
  cp scripts/requirements-test.txt .venv/requirements.stamp
fi
log "tools ready"

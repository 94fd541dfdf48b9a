#!/usr/bin/env bash
# Install what the build needs (`setup.sh build`) or the build and every
# validator the tests run (`setup.sh test`) on a fresh Debian 12 machine:
# Debian's packages (with sudo when not root), the project in .venv, and
# the validators' npm packages. Idempotent; quiet unless something fails,
# when the log is shown.
set -euo pipefail
cd "$(dirname "$0")/.."
level=${1:-build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
fail() { cat "$log" >&2; echo "setup failed: $1" >&2; exit 1; }

packages=(
  python3-venv                                          # the project's virtual environment
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0  # WeasyPrint's text layout
  git                                                   # the build's fixed time is the last commit's
  hunspell-en-us                                        # the apparatus's spell check (en-US)
  poppler-utils                                         # pdftoppm: the EPUB's cover image, previews
  calibre                                               # ebook-convert: the Kindle edition (AZW3)
)
if [ "$level" = test ]; then
  packages+=(
    default-jre-headless  # EPUBCheck (Java 17 on Debian 12)
    chromium              # DAISY Ace, the reading-system test, axe-core
    qpdf                  # qpdf --check
  )
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "$level" = test ]; then
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >>"$log" 2>&1 || fail "apt-get update"
  $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >>"$log" 2>&1 || fail "apt-get install"
fi

# The project and its Python dependencies, installed again only when pyproject.toml changes.
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "installing the project into .venv"
  [ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv >>"$log" 2>&1 || fail "python3 -m venv .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >>"$log" 2>&1 || fail "pip upgrade"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' >>"$log" 2>&1 || fail "pip install"
  touch "$stamp"
fi

if [ "$level" = test ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; }; then
  echo "installing the validators' npm packages"
  # DAISY Ace would download its own Chromium; Debian's is used instead.
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >>"$log" 2>&1 || fail "npm ci"
  touch node_modules
fi

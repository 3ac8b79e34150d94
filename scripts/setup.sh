#!/usr/bin/env bash
# One command from a fresh clone to executed notebooks and HTML reports (Debian/Ubuntu, as root
# or with sudo): installs Jupyter, Chromium and PostgreSQL (the database tests and `npm run db`
# start throwaway servers from it) from the OS packages and the npm packages, then runs the main
# job (npm start). Pass --no-start to install only.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1 || need+=(jupyter-nbconvert jupyter-client)
/usr/bin/python3 -c "import notebook" >/dev/null 2>&1 || need+=(jupyter-notebook)
[ -x /usr/bin/chromium ] || need+=(chromium)
# (not `fc-list | grep -q`: under pipefail the early exit of grep makes the pipe fail)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -x "${RETAIL_LAB_PG_BIN:-/nonexistent}/initdb" ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing: ${need[*]}. This script installs them with apt-get (Debian/Ubuntu); see README for macOS/Windows." >&2
    exit 1
  fi
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing OS packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "Installing npm packages"
npm ci --no-audit --no-fund --loglevel=error

if [ "${1:-}" != "--no-start" ]; then
  npm start
fi

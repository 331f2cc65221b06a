#!/usr/bin/env bash
# Makes sure the browser-test prerequisites are on the machine: Debian's Chromium (driven by
# playwright-core, which never downloads a browser of its own) and CJK fonts so Chinese renders in
# screenshots. Installs with apt-get (root, or sudo when available) only when something is missing.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then need+=(fonts-noto-cjk); fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "installing ${need[*]} (Debian packages) for the end-to-end tests…" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo -n)
else
  echo "need root or sudo to install ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >&2
/usr/bin/chromium --version >&2

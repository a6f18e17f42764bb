#!/usr/bin/env bash
# Installs the Debian 12 packages sfcpp builds with, when they are missing. Safe to rerun.
set -euo pipefail
packages=(cmake g++ make pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev doctest-dev libssl-dev
          libsqlite3-dev sqlite3 curl bc time clang libclang-rt-14-dev ccache)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "sfcpp: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

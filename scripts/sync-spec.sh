#!/usr/bin/env bash
# Refreshes the in-repo copy of the API spec (docs/spec/) from ../shared/spec/ when that changes;
# `cargo test --test spec` fails while the copy is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cp ../shared/spec/API.md ../shared/spec/itcare-postgresql-reference.txt docs/spec/
echo "docs/spec refreshed from ../shared/spec"

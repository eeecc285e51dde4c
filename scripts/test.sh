#!/usr/bin/env bash
# `npm test`: the static checks (tsc, Biome, dependency-cruiser: one process each, mostly one core) run beside the
# vitest suite (two workers) instead of before it, so that a 2-core machine stays busy until the end. Any failure
# fails the whole; vitest's output comes first, the checks' output (silent when they pass) after it.
set -uo pipefail
cd "$(dirname "$0")/.."
checks_log="$(mktemp)"
trap 'rm -f "$checks_log"' EXIT
(npm run -s typecheck && npm run -s lint && npm run -s depcruise) >"$checks_log" 2>&1 &
checks=$!
npx vitest run "$@"
tests=$?
wait "$checks"
static=$?
cat "$checks_log"
if [ "$static" -ne 0 ]; then echo "npm test: typecheck, Biome or dependency-cruiser failed (above)" >&2; fi
exit $((tests != 0 || static != 0))

#!/bin/sh
# The archmap container's entry point for the Step Functions example: one shard, or the merge, with S3 in between.
#   entrypoint.sh scan <index> <count>   scans shard index/count and uploads part-<index>.json
#   entrypoint.sh merge                  downloads every part-*.json, merges them, uploads org.json
# Environment: ARCHMAP_BUCKET, ARCHMAP_PREFIX (the run's folder), ARCHMAP_ROLE_NAME, ARCHMAP_EXTERNAL_ID (optional).
set -eu
: "${ARCHMAP_BUCKET:?set ARCHMAP_BUCKET}" "${ARCHMAP_PREFIX:?set ARCHMAP_PREFIX}"
work="$(mktemp -d)"
case "${1:-}" in
  scan)
    archmap scan aws --org --role-name "${ARCHMAP_ROLE_NAME:-archmap-read}" \
      ${ARCHMAP_EXTERNAL_ID:+--external-id "$ARCHMAP_EXTERNAL_ID"} \
      --shard "$2/$3" --output "$work/part-$2.json" --json
    aws s3 cp "$work/part-$2.json" "s3://$ARCHMAP_BUCKET/$ARCHMAP_PREFIX/part-$2.json"
    ;;
  merge)
    aws s3 cp --recursive "s3://$ARCHMAP_BUCKET/$ARCHMAP_PREFIX/" "$work/" --exclude '*' --include 'part-*.json'
    archmap merge "$work"/part-*.json --output "$work/org.json"
    aws s3 cp "$work/org.json" "s3://$ARCHMAP_BUCKET/$ARCHMAP_PREFIX/org.json"
    ;;
  *)
    echo "usage: entrypoint.sh scan <index> <count> | merge" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Smoke test of the Elasticsearch engine on a real cluster, beside the embedded engine.
#
#   site/es-smoke.sh              # Docker: starts site/compose.yaml's Elasticsearch (stopped again at the end)
#   site/es-smoke.sh --emulator   # no Docker: the noida-db emulator (tests/search/es_emulator.py)
#   ELASTICSEARCH_URL=http://host:9200 site/es-smoke.sh --url   # a cluster that is already running
#
# Runs the shared engine suite and the Elasticsearch tests against the cluster, then
# benchmarks/relevance.py on the embedded engine and on Elasticsearch, and prints the two tables side
# by side. Uses a private index prefix, so it can share a cluster; nothing else is changed.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
MODE=${1:-docker}
PREFIX="smoke-$(date +%s)"
OUT=$(mktemp -d)
STARTED=""
EMULATOR_PID=""

cleanup() {
    if [ -n "$EMULATOR_PID" ]; then kill "$EMULATOR_PID" 2>/dev/null || true; fi
    if [ -n "$STARTED" ]; then docker compose -f site/compose.yaml stop elasticsearch >/dev/null || true; fi
    rm -rf "$OUT"
}
trap cleanup EXIT

case "$MODE" in
    --emulator)
        PORT=${ES_EMULATOR_PORT:-9298}
        "$PYTHON" -m tests.search.es_emulator "$PORT" >/dev/null 2>&1 &
        EMULATOR_PID=$!
        URL="http://127.0.0.1:$PORT"
        ;;
    --url)
        URL=${ELASTICSEARCH_URL:?set ELASTICSEARCH_URL}
        ;;
    *)
        command -v docker >/dev/null || { echo "Docker is not available: use --emulator or --url" >&2; exit 2; }
        docker compose -f site/compose.yaml up -d elasticsearch
        STARTED=1
        URL="http://localhost:9200"
        ;;
esac

echo "Waiting for Elasticsearch at $URL …"
for _ in $(seq 1 120); do
    if curl -fsS "$URL" >/dev/null 2>&1; then break; fi
    sleep 2
done
curl -fsS "$URL" >/dev/null || { echo "Elasticsearch did not answer at $URL" >&2; exit 1; }

echo "== Shared engine suite and Elasticsearch tests against $URL"
ELASTICSEARCH_URL="$URL" "$PYTHON" -m pytest tests/search/test_engines.py tests/search/test_elasticsearch.py -q -p no:cacheprovider

echo "== Relevance: embedded"
SEARCH_ENGINE=embedded "$PYTHON" benchmarks/relevance.py --snapshot "$OUT/demo.sqlite3" | tee "$OUT/embedded.txt"
echo "== Relevance: Elasticsearch"
SEARCH_ENGINE=elasticsearch ELASTICSEARCH_URL="$URL" SEARCH_INDEX_PREFIX="$PREFIX" \
    "$PYTHON" benchmarks/relevance.py --snapshot "$OUT/demo.sqlite3" | tee "$OUT/elasticsearch.txt"

echo
echo "== Side by side (left: embedded, right: Elasticsearch)"
paste -d '|' <(grep -E '^(kind|[a-z_]+ +[0-9])' "$OUT/embedded.txt") \
    <(grep -E '^(kind|[a-z_]+ +[0-9])' "$OUT/elasticsearch.txt")
paste -d '|' <(grep '^no_answer' "$OUT/embedded.txt") <(grep '^no_answer' "$OUT/elasticsearch.txt") || true

# the smoke run's indices and synonyms sets go again
ELASTICSEARCH_URL="$URL" SEARCH_INDEX_PREFIX="$PREFIX" SEARCH_ENGINE=elasticsearch \
    DJANGO_SETTINGS_MODULE=config.settings.dev "$PYTHON" -c "
import django; django.setup()
from search.engines.elasticsearch import ElasticsearchEngine
ElasticsearchEngine().clear()
" || true

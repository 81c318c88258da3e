#!/usr/bin/env bash
# Serve the app; with CELERY_BROKER_URL set, also run a Celery worker (with beat) beside it.
set -eu
HOST=${1:-127.0.0.1}
PORT=${2:-8000}
PY=.venv/bin/python
worker_pid=""
cleanup() { [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
if [ -n "${CELERY_BROKER_URL:-}" ]; then
  echo "Khởi động Celery worker (hàng đợi: ${CELERY_BROKER_URL##*@})…"
  .venv/bin/celery -A thidua worker -B -l info --concurrency 2 --schedule var/celerybeat-schedule &
  worker_pid=$!
else
  echo "Chế độ nhúng: SQLite (nếu không đặt DATABASE_URL) và tác vụ nền chạy trong tiến trình web."
fi
echo "Mở http://$HOST:$PORT — tài khoản demo xem README.md (mật khẩu thidua-demo-2026)."
# Only the development server shows debug pages (DEBUG is off unless set; the worker keeps it off).
DEBUG=${DEBUG:-1} $PY manage.py runserver "$HOST:$PORT"

#!/bin/sh
# Container entry point: one image runs every app.
#   docker run IMAGE customers            the customers service
#   docker run IMAGE customers migrate    its migrations only (the Kubernetes Job)
#   docker run -e APP=gateway IMAGE       the app named by APP when no app is given
set -eu
case "${1:-}" in
  gateway|customers|bookings|loyalty|marketing) app="$1"; shift ;;
  *) app="${APP:-}" ;;
esac
if [ -z "$app" ]; then
  echo "Name the app: set APP or pass it first (gateway, customers, bookings, loyalty, marketing)" >&2
  exit 64
fi
exec node "/app/dist/apps/$app/src/main.js" "$@"

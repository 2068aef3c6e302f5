#!/bin/sh
# secrets_command: lists secret NAMES as a platform CLI would (factory-deploy never prints this).
echo "NAME            DIGEST"
echo "SESSION_KEY     $(printf '%s' "${DEMO_SESSION_KEY:-}" | cksum | cut -d' ' -f1)"
echo "DATABASE_URL    5f1d2e"

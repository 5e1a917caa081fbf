#!/usr/bin/env bash
# One-command deploy of one environment from this checkout (the first time and every time):
#
#   scripts/up.sh <env> [--kubeconfig <file>] [pulumi up options, e.g. --yes]
#   npm run up -- <env> [...]
#
# 1. checks Pulumi.<env>.yaml exists (copy and edit Pulumi.dev.yaml first) and the tools are there;
# 2. asks once for the stack's passphrase unless PULUMI_CONFIG_PASSPHRASE(_FILE) is set: it encrypts
#    this stack's secrets (deploy keys, age key, kubeconfig) in the local state and in Pulumi.<env>.yaml;
#    keep it in a password manager, every later pulumi command on this stack needs it;
# 3. selects the stack on the project's backend (local, file://~, unless PULUMI_BACKEND_URL says
#    otherwise), creating it with the passphrase secrets provider the first time;
# 4. with --kubeconfig, stores that file as the secret cluster.existingKubeconfig (bring your own cluster);
# 5. runs `pulumi up -s <env>` with the remaining arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "up: $*" >&2; exit 2; }

env="${1:-}"
case "$env" in
  -h|--help) usage; exit 0 ;;
  ""|-*) usage >&2; exit 2 ;;
esac
shift
[[ "$env" =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$ ]] || fail "\"$env\" is not an environment name (lower-case letters, digits and hyphens)"
[ -f "Pulumi.$env.yaml" ] || fail "no Pulumi.$env.yaml here: copy Pulumi.dev.yaml to Pulumi.$env.yaml and edit it (GitHub owner and repositories, region) first"

kubeconfig=""
if [ "${1:-}" = "--kubeconfig" ]; then
  [ -n "${2:-}" ] && [ -r "$2" ] || fail "--kubeconfig needs a readable kubeconfig file (e.g. kind get kubeconfig --name <cluster> > kind.kubeconfig)"
  kubeconfig="$2"
  shift 2
fi

command -v pulumi >/dev/null || fail "the Pulumi CLI is not on PATH: https://www.pulumi.com/docs/install/"
[ -n "${GITHUB_TOKEN:-}" ] || fail "GITHUB_TOKEN is not set: a token that can add deploy keys and commit to the repositories (with the GitHub CLI: export GITHUB_TOKEN=\$(gh auth token))"
[ -d node_modules ] || npm ci --no-audit --no-fund

if [ -z "${PULUMI_CONFIG_PASSPHRASE:-}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  [ -t 0 ] || fail "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE): it encrypts this stack's secrets"
  echo "The passphrase encrypts the $env stack's secrets in ~/.pulumi and Pulumi.$env.yaml."
  echo "Choose one the first time (and keep it in a password manager); give the same one afterwards."
  read -r -s -p "Passphrase for stack $env: " PULUMI_CONFIG_PASSPHRASE
  echo
  [ -n "$PULUMI_CONFIG_PASSPHRASE" ] || fail "an empty passphrase would leave the secrets unprotected"
  export PULUMI_CONFIG_PASSPHRASE
fi

if pulumi stack select "$env" >/dev/null 2>&1; then
  echo "up: using stack $env"
else
  echo "up: creating stack $env (passphrase secrets provider; keeps Pulumi.$env.yaml)"
  pulumi stack init "$env" --secrets-provider passphrase
fi

if [ -n "$kubeconfig" ]; then
  pulumi config set --secret --path cluster.existingKubeconfig -s "$env" < "$kubeconfig"
  echo "up: stored $kubeconfig as the secret aks-flux-gitops:cluster.existingKubeconfig"
fi

exec pulumi up -s "$env" "$@"

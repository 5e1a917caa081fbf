#!/usr/bin/env bash
# Regenerates this wrapper module for another Kubernetes release:
#   bash e2e/tools/kube/regen.sh v1.36.3
# k8s.io/kubernetes requires its staging modules (k8s.io/api, k8s.io/client-go, ...) at v0.0.0 and
# replaces them with ./staging/src/...; those replaces do not apply to a module that depends on it,
# so this wrapper replaces every one of them with its published v0.MINOR.PATCH tag instead. The list
# is read from k8s.io/kubernetes's own go.mod, never typed by hand.
set -euo pipefail
version="${1:?usage: regen.sh v1.NN.P}"
staging_version="v0.${version#v1.}"
cd "$(dirname "$0")"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOSUMDB="${GOSUMDB:-sum.golang.org}"
gomod="$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')"
rm -f go.mod go.sum
go mod init aks-flux-gitops/e2e/tools/kube >/dev/null 2>&1
go mod edit -go=1.26.0
for mod in $(awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$gomod"); do
  go mod edit -replace "$mod=$mod@$staging_version"
done
go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@$version" "k8s.io/kubernetes/cmd/kube-controller-manager@$version" "k8s.io/kubernetes/cmd/kubectl@$version"
go mod tidy

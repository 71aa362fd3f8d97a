#!/usr/bin/env bash
# Builds the Kubernetes control plane the tests run (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kwok with its stages, helm) from their official Go modules into a versioned cache
# outside the repository, and fetches the Prometheus Operator's CRDs from its module next to it. A second run
# finds them and builds nothing. Needs Go and the Go module proxy.
#
#   k8s-testkit/build-binaries.sh          # builds into ~/.cache/orderplatform/k8s-v<version>
#   ORDERPLATFORM_K8S_CACHE=/some/dir build-binaries.sh
#
# Prints the directory that holds the binaries as its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=k8s-versions.properties
source "$here/k8s-versions.properties"

cache_root=${ORDERPLATFORM_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orderplatform}
bin_dir="$cache_root/k8s-v$K8S_VERSION"
stamp="$bin_dir/.complete-etcd$ETCD_VERSION-kwok$KWOK_VERSION-helm$HELM_VERSION"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run at a time per cache (a developer's build beside CI's, a test JVM beside Maven): a second run waits for the
# first and then finds its stamps, where two at once built everything twice into the same files. (flock is
# util-linux's; without it, as on macOS, runs are not serialised.)
mkdir -p "$cache_root"
if command -v flock >/dev/null; then
  exec 9>"$cache_root/.build.lock"
  flock 9
fi
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local

require_go() {
  if ! command -v go >/dev/null; then
    echo "k8s: Go is not installed; install Go >= 1.26, or place etcd, kube-apiserver, kubectl ... in $bin_dir" >&2
    exit 1
  fi
}

timed() { # timed <name> <command...>: one progress line per binary, with its build time
  local name=$1 start=$SECONDS
  shift
  echo "k8s: building $name ..."
  "$@"
  echo "k8s: built $name in $((SECONDS - start)) s"
}

# Each tool set below has a stamp of its own, so adding one does not rebuild the others.
build_kubernetes() {

# Kubernetes: its published go.mod lists the staging modules (k8s.io/api, client-go, ...) at v0.0.0, so a
# throw-away wrapper module requires it and points every one of them at the matching v0.x.y release.
k8s_minor=${K8S_VERSION#*.}
staging_version="v0.$k8s_minor"
mkdir -p "$work/kubernetes" && cd "$work/kubernetes"
k8s_gomod=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
{
  echo "module orderplatform.dev/k8s-binaries"
  echo "go 1.26"
  echo "godebug default=go1.24"
  echo "require k8s.io/kubernetes v$K8S_VERSION"
  # Its own replace block names the staging modules: k8s.io/api => ./staging/src/k8s.io/api
  grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging' "$k8s_gomod" | awk -v v="$staging_version" '{print "replace " $1 " => " $1 " " v}' | sort -u
} >go.mod
k8s_commands="kube-apiserver kube-controller-manager kube-scheduler kubectl"
# go get of the commands' packages records every module (and go.sum line) their builds need.
go get $(for cmd in $k8s_commands; do echo "k8s.io/kubernetes/cmd/$cmd@v$K8S_VERSION"; done)
major=${K8S_VERSION%%.*}
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags="$ldflags -X $pkg.gitVersion=v$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=${k8s_minor%%.*}"
  ldflags="$ldflags -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
for cmd in $k8s_commands; do
  timed "$cmd v$K8S_VERSION" go build -tags selinux,notest,grpcnotrace -ldflags "$ldflags" \
    -o "$bin_dir/$cmd" "k8s.io/kubernetes/cmd/$cmd"
done

# etcd: its server module carries replace lines of its own, so it gets a wrapper module of its own.
mkdir -p "$work/etcd" && cd "$work/etcd"
printf 'module orderplatform.dev/etcd-binary\ngo 1.26\n' >go.mod
go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" >/dev/null 2>&1
timed "etcd v$ETCD_VERSION" go build -ldflags "-s -w" -o "$bin_dir/etcd" go.etcd.io/etcd/server/v3

# kwok simulates nodes and the pod lifecycle; v0.8 ships no default stages, so its module's stages come along.
GOBIN="$bin_dir" timed "kwok v$KWOK_VERSION" go install -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
kwok_src="$(go env GOMODCACHE)/sigs.k8s.io/kwok@v$KWOK_VERSION/kustomize/stage"
rm -rf "$bin_dir/kwok-stages" && cp -r "$kwok_src" "$bin_dir/kwok-stages" && chmod -R u+w "$bin_dir/kwok-stages"

GOBIN="$bin_dir" timed "helm v$HELM_VERSION" go install -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION" \
  "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION"

touch "$stamp"
echo "k8s: binaries for Kubernetes v$K8S_VERSION in $bin_dir ($(du -sh "$bin_dir" | cut -f1))"
}

# The Prometheus Operator's CRDs (PodMonitor, PrometheusRule, ...), for the monitoring tests: the YAML files of
# its official module, as the project publishes them (example/prometheus-operator-crd), nothing built.
prometheus_crds_dir="$cache_root/prometheus-operator-crds-v$PROMETHEUS_OPERATOR_VERSION"
prometheus_crds_stamp="$prometheus_crds_dir/.complete"
fetch_prometheus_operator_crds() {
  local module="github.com/prometheus-operator/prometheus-operator@v$PROMETHEUS_OPERATOR_VERSION" module_dir
  module_dir=$(cd "$work" && go mod download -json "$module" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  rm -rf "$prometheus_crds_dir" && mkdir -p "$prometheus_crds_dir"
  cp "$module_dir"/example/prometheus-operator-crd/monitoring.coreos.com_*.yaml "$prometheus_crds_dir/"
  chmod u+w "$prometheus_crds_dir"/*.yaml
  touch "$prometheus_crds_stamp"
  echo "k8s: Prometheus Operator v$PROMETHEUS_OPERATOR_VERSION CRDs in $prometheus_crds_dir"
}

if [ -f "$prometheus_crds_stamp" ]; then
  echo "k8s: Prometheus Operator v$PROMETHEUS_OPERATOR_VERSION CRDs found in $prometheus_crds_dir"
else
  require_go
  fetch_prometheus_operator_crds
fi

if [ -f "$stamp" ]; then
  echo "k8s: binaries for Kubernetes v$K8S_VERSION found in $bin_dir"
else
  require_go
  mkdir -p "$bin_dir"
  build_kubernetes
fi

# Prometheus and promtool (the alerting rules' tests, a real scrape), into $cache_root/prometheus-v<version> with a
# stamp of their own; the Kubernetes directory stays the last line printed. The module has no replace directives, so
# go install builds them; without the builtinassets tag the web UI is not embedded (the tests use the HTTP API only),
# and remove_all_sd leaves out the cloud service discoveries (static and file configs stay), a large part of the build.
prometheus_dir="$cache_root/prometheus-v$PROMETHEUS_VERSION"
prometheus_stamp="$prometheus_dir/.complete"
build_prometheus() {
  local major=${PROMETHEUS_VERSION%%.*} rest=${PROMETHEUS_VERSION#*.}
  local module_version="v0.$((major * 100 + ${rest%%.*})).${rest#*.}"
  local version_pkg=github.com/prometheus/common/version
  local ldflags="-s -w -X $version_pkg.Version=$PROMETHEUS_VERSION -X $version_pkg.Revision=$module_version"
  ldflags="$ldflags -X $version_pkg.Branch=HEAD -X $version_pkg.BuildDate=19700101-00:00:00"
  for cmd in prometheus promtool; do
    GOBIN="$prometheus_dir" timed "$cmd v$PROMETHEUS_VERSION" go install -tags remove_all_sd -ldflags "$ldflags" \
      "github.com/prometheus/prometheus/cmd/$cmd@$module_version"
  done
  touch "$prometheus_stamp"
}

if [ -f "$prometheus_stamp" ]; then
  echo "prometheus: v$PROMETHEUS_VERSION found in $prometheus_dir"
else
  require_go
  mkdir -p "$prometheus_dir"
  build_prometheus
  echo "prometheus: v$PROMETHEUS_VERSION in $prometheus_dir"
fi

echo "$bin_dir"

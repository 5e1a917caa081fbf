import type { KustomizePatch } from "../../../generators/kustomize/patchTypes";

const controllers = "(kustomize-controller|helm-controller|notification-controller|image-reflector-controller|image-automation-controller)";

/** A table of controller patches as Flux users write them in flux-system/kustomization.yaml. */
export const patchCases: readonly [string, KustomizePatch[]][] = [
  [
    "Deployment args (JSON 6902 add at the end and at an index), as Flux's multi-tenancy lockdown",
    [
      {
        patch: "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --no-cross-namespace-refs=true\n",
        target: { kind: "Deployment", name: controllers },
      },
      {
        patch: "- op: add\n  path: /spec/template/spec/containers/0/args/0\n  value: --default-service-account=default\n",
        target: { kind: "Deployment", name: "(kustomize-controller|helm-controller)" },
      },
      {
        patch: "- op: add\n  path: /spec/serviceAccountName\n  value: kustomize-controller\n",
        target: { kind: "Kustomization", name: "flux-system" },
      },
    ],
  ],
  [
    "container env and resources (strategic merge, containers merged by name, env by name)",
    [
      {
        patch:
          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: all\nspec:\n  template:\n    spec:\n      containers:\n      - name: manager\n        env:\n        - name: HTTPS_PROXY\n          value: http://proxy:3128\n        - name: RUNTIME_NAMESPACE\n          value: overridden\n        resources:\n          limits:\n            memory: 2Gi\n          requests:\n            cpu: 200m\n",
        target: { kind: "Deployment", name: "(source|kustomize)-controller" },
      },
    ],
  ],
  [
    "tolerations replaced, nodeSelector merged, a sidecar added (untargeted strategic merge naming its object)",
    [
      {
        patch:
          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: helm-controller\n  namespace: flux-system\nspec:\n  template:\n    spec:\n      nodeSelector:\n        agentpool: system\n      tolerations:\n      - key: CriticalAddonsOnly\n        operator: Exists\n      containers:\n      - name: proxy\n        image: ghcr.io/example/proxy:1.0\n",
      },
    ],
  ],
  [
    "ServiceAccount annotations and pod labels for Azure workload identity",
    [
      {
        patch:
          "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: controller\n  annotations:\n    azure.workload.identity/client-id: 00000000-1111-2222-3333-444444444444\n",
        target: { kind: "ServiceAccount", name: "(source-controller|image-reflector-controller|kustomize-controller)" },
      },
      {
        patch:
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: controller\nspec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/use: "true"\n',
        target: { kind: "Deployment", name: "(source-controller|image-reflector-controller|kustomize-controller)" },
      },
    ],
  ],
  [
    "JSON 6902 replace, remove, test, copy and move; group, version, namespace and label selectors; a key deleted with null",
    [
      {
        patch: "- op: test\n  path: /spec/replicas\n  value: 1\n- op: replace\n  path: /spec/replicas\n  value: 2\n",
        target: { group: "apps", version: "v1", kind: "Deployment", namespace: "flux-.*", name: "source-controller" },
      },
      {
        patch: '[{"op": "remove", "path": "/spec/template/spec/containers/0/args/0"}]',
        target: { kind: "Deployment", labelSelector: "control-plane=controller,app!=source-controller" },
      },
      {
        patch: "- op: copy\n  from: /spec/ref\n  path: /spec/refCopy\n- op: move\n  from: /spec/interval\n  path: /spec/timeout\n",
        target: { kind: "GitRepository" },
      },
      {
        patch:
          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      nodeSelector:\n        kubernetes.io/os: null\n",
        target: { kind: "Deployment", annotationSelector: "!missing" },
      },
    ],
  ],
];

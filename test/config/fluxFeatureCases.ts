import type { BadConfigCase } from "./badConfigCases";

/** Bad flux.patches, flux.multitenant, flux.workloadIdentity, flux.imageUpdateAutomation, layers and apps.namespaces values. */

const imageControllers = (v: Record<string, any>) =>
  (v.flux.componentsExtra = ["image-reflector-controller", "image-automation-controller"]);

export const fluxFeatureCases: readonly BadConfigCase[] = [
  {
    name: "a JSON 6902 patch without a target",
    mutate: (v) => (v.flux.patches = [{ patch: "- op: add\n  path: /spec/x\n  value: 1\n" }]),
    expect: /^aks-flux-gitops:flux\.patches\[0\]\.target: \(missing\) a JSON 6902 patch \(a list of operations\) needs a target/,
  },
  {
    name: "a strategic merge directive",
    mutate: (v) =>
      (v.flux.patches = [{ patch: "kind: Deployment\nmetadata:\n  name: x\nspec:\n  $patch: replace\n", target: { kind: "Deployment" } }]),
    expect:
      /^aks-flux-gitops:flux\.patches\[0\]\.patch: .* strategic merge directive \$patch .* is not supported; write the change as a JSON 6902 patch/,
  },
  {
    name: "a patch target that is not a regular expression",
    mutate: (v) => (v.flux.patches = [{ patch: "- op: remove\n  path: /spec/x\n", target: { name: "(source" } }]),
    expect: /^aks-flux-gitops:flux\.patches\[0\]\.target: .* target\.name: "\(source" is not a regular expression$/,
  },
  {
    name: "a patch given as a file path",
    mutate: (v) => (v.flux.patches = [{ patch: "- op: remove\n  path: /x\n", target: { kind: "Deployment" }, path: "patch.yaml" }]),
    expect: /^aks-flux-gitops:flux\.patches\[0\]\.path: "patch\.yaml" is not a known key/,
  },
  {
    name: "multitenant as a word",
    mutate: (v) => (v.flux.multitenant = "yes"),
    expect: /^aks-flux-gitops:flux\.multitenant: "yes" must be true or false$/,
  },
  {
    name: "a layer named apps",
    mutate: (v) => (v.layers = ["infrastructure", "apps"]),
    expect: /^aks-flux-gitops:layers\[1\]: "apps" is a name the program uses itself/,
  },
  {
    name: "a layer listed twice",
    mutate: (v) => (v.layers = ["infrastructure", "core", "core"]),
    expect: /^aks-flux-gitops:layers\[2\]: "core" is listed twice/,
  },
  {
    name: "a layer name with capitals",
    mutate: (v) => (v.layers = ["Infra"]),
    expect: /^aks-flux-gitops:layers\[0\]: "Infra" must be a layer name \(a DNS label/,
  },
  { name: "no layers", mutate: (v) => (v.layers = []), expect: /^aks-flux-gitops:layers: \[\] must name at least one layer/ },
  {
    name: "an apps namespace that is not a name",
    mutate: (v) => (v.apps.namespaces = ["Team A"]),
    expect: /^aks-flux-gitops:apps\.namespaces\[0\]: "Team A" must be a namespace name/,
  },

  {
    name: "workload identity for a controller that is not installed",
    mutate: (v) => (v.flux.workloadIdentity = { controllers: ["image-reflector-controller"] }),
    expect: /^aks-flux-gitops:flux\.workloadIdentity\.controllers\[0\]: "image-reflector-controller" is not an installed Flux controller/,
  },
  {
    name: "an AcrPull registry that is not a resource id",
    mutate: (v) => (v.flux.workloadIdentity = { acrPullRegistries: ["acme.azurecr.io"] }),
    expect: /^aks-flux-gitops:flux\.workloadIdentity\.acrPullRegistries\[0\]: "acme\.azurecr\.io" must be a container registry resource id/,
  },
  {
    name: "image update automation without its controller",
    mutate: (v) => (v.flux.imageUpdateAutomation = { repository: "infra" }),
    expect: /^aks-flux-gitops:flux\.imageUpdateAutomation: .* needs image-automation-controller/,
  },
  {
    name: "image update automation of another environment's path",
    mutate: (v) => {
      imageControllers(v);
      v.flux.imageUpdateAutomation = { path: "./apps/overlays/prod" };
    },
    expect: /^aks-flux-gitops:flux\.imageUpdateAutomation\.path: "\.\/apps\/overlays\/prod" must contain the environment name \(dev\)/,
  },
  {
    name: "image update automation to an unknown repository",
    mutate: (v) => {
      imageControllers(v);
      v.flux.imageUpdateAutomation = { repository: "fleet-apps" };
    },
    expect: /^aks-flux-gitops:flux\.imageUpdateAutomation\.repository: "fleet-apps" must be infra or apps/,
  },
];

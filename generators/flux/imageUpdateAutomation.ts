import type { KubeObject } from "../kube/object";

/** An ImageUpdateAutomation (image.toolkit.fluxcd.io/v1, Flux v2.7+) that commits policy updates to one branch of one repository. */
export interface ImageUpdateAutomationOptions {
  readonly name: string;
  readonly namespace: string;
  /** The GitRepository (same namespace) of the repository it commits to. */
  readonly sourceName: string;
  /** Branch checked out and pushed to. */
  readonly branch: string;
  /** Directory whose manifests' marker comments are updated ("./apps/overlays/dev"). */
  readonly path: string;
  /** Go form ("30m0s"). */
  readonly interval: string;
  readonly author: { readonly name: string; readonly email: string };
  /** Default: a message listing each changed image, as Flux's image automation guide writes it. */
  readonly messageTemplate?: string;
}

export const defaultImageUpdateMessageTemplate =
  "Update images ({{ .AutomationObject.Namespace }}/{{ .AutomationObject.Name }})\n\n{{ range .Changed.Changes -}}\n- {{ .OldValue }} -> {{ .NewValue }}\n{{ end -}}\n";

export function imageUpdateAutomationObject(options: ImageUpdateAutomationOptions): KubeObject {
  return {
    apiVersion: "image.toolkit.fluxcd.io/v1",
    kind: "ImageUpdateAutomation",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      git: {
        checkout: { ref: { branch: options.branch } },
        commit: {
          author: { email: options.author.email, name: options.author.name },
          messageTemplate: options.messageTemplate ?? defaultImageUpdateMessageTemplate,
        },
        push: { branch: options.branch },
      },
      interval: options.interval,
      sourceRef: { kind: "GitRepository", name: options.sourceName },
      update: { path: options.path, strategy: "Setters" },
    },
  };
}

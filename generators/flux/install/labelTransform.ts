import { childObject, describeObject, type OverlayResource } from "./resourceModel";

/** Flux's labels.yaml LabelTransformer: metadata.labels of every object and the pod template labels of Deployments. */
export function applyLabels(resources: readonly OverlayResource[], labels: Readonly<Record<string, string>>): void {
  for (const { object } of resources) {
    const where = describeObject(object);
    Object.assign(childObject(object.metadata, "labels", where), labels);
    if (object.kind === "Deployment") {
      const template = childObject(childObject(object, "spec", where), "template", where);
      Object.assign(childObject(childObject(template, "metadata", where), "labels", where), labels);
    }
  }
}

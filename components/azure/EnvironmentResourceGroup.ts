import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";

export interface EnvironmentResourceGroupArgs {
  readonly name: string;
  readonly location: string;
  /** Reference an existing resource group instead of creating one. */
  readonly existing: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/** The environment's resource group: created with the environment's tags, or an existing one referenced by name. */
export class EnvironmentResourceGroup extends pulumi.ComponentResource {
  readonly name: pulumi.Output<string>;
  readonly id: pulumi.Output<string>;

  constructor(name: string, args: EnvironmentResourceGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:azure:EnvironmentResourceGroup", name, {}, opts);
    if (args.existing) {
      const found = resources.getResourceGroupOutput({ resourceGroupName: args.name }, { parent: this });
      this.name = found.name;
      this.id = found.id;
    } else {
      const group = new resources.ResourceGroup(
        `${name}-group`,
        { resourceGroupName: args.name, location: args.location, tags: { ...args.tags } },
        { parent: this },
      );
      this.name = group.name;
      this.id = group.id;
    }
    this.registerOutputs({ name: this.name, id: this.id });
  }
}

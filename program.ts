import * as authorization from "@pulumi/azure-native/authorization";
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { EnvironmentResourceGroup } from "./components/azure/EnvironmentResourceGroup";
import { FluxWorkloadIdentity } from "./components/azure/FluxWorkloadIdentity";
import { branchInput, teamOwnedPathsToSkip } from "./components/github/repositoryLookups";
import type { RepositoryFiles } from "./components/github/RepositoryFiles";
import { GithubWebhookReceiver } from "./components/notifications/GithubWebhookReceiver";
import { SopsAgeKey } from "./components/sops/SopsAgeKey";
import { SopsKeyVault } from "./components/sops/SopsKeyVault";
import { RepoWiring } from "./components/wiring/RepoWiring";
import { loadStackConfig, type StackConfig } from "./config";
import { httpsRepositoryUrl } from "./generators/git/gitRef";
import { ageKeyBackupText, nextStepsText } from "./plan/nextSteps";
import { fluxCommitAuthorName, planEnvironment, type PlannedSecrets } from "./plan/environmentPlan";
import type { DeployFacts } from "./plan/deployFacts";
import { appsSourceSecretName, infraSourceSecretName } from "./generators/flux/objectNames";
import { revealedNotificationFacts } from "./plan/notifications";
import { checkAgeKeyRotation } from "./programAgeKeyRotation";
import { tagsToCutText } from "./plan/tagsToCut";
import { environmentLayout } from "./generators/wiring/layout";
import { connectCluster } from "./programCluster";
import { asRunError } from "./programErrors";
import { checkHandEdits, createRepositories, deployKeys, githubProviderArgs, lookupDefaultBranches } from "./programGithub";
import { installModeOutput } from "./config/fluxInstallMode";
import { checkInstallModeSwitch, installFlux, loadFluxInstallManifests } from "./programFlux";

/** Provisions and bootstraps one environment; returns the stack outputs. */
export async function main(): Promise<Record<string, unknown>> {
  const cfg = asRunError(() => loadStackConfig());
  const manifests = await loadFluxInstallManifests(cfg);
  const plan = asRunError(() => planEnvironment(cfg, manifests));
  await checkAgeKeyRotation(cfg);
  await checkInstallModeSwitch(cfg);
  if (cfg.cluster.mode === "aks" && cfg.azure.deployerObjectIds.length === 0) {
    pulumi.log.warn(
      'aks-flux-gitops:azure.deployerObjectIds is empty: only members of cluster.adminGroupObjectIds can install Flux, and nobody holds Key Vault Secrets Officer to delete the age key secret on destroy; list the identities that run pulumi up (docs/aks.md, "Who may deploy")',
    );
  }

  const githubProvider = new github.Provider("github", githubProviderArgs(cfg));
  // Before any resource: a repository that cannot be read stops the program instead of changing branch inputs.
  const defaultBranches = await lookupDefaultBranches(cfg, githubProvider);
  const branchFor = (repository: string) => branchInput(cfg.github.branch, defaultBranches.get(repository) as string);
  await checkHandEdits(cfg, plan.fluxSystemFiles, branchFor, githubProvider);
  const repositories = createRepositories(cfg, githubProvider);

  // A bring-your-own cluster without a Key Vault touches nothing in Azure: no resource, no invoke, no login.
  const usesAzure = cfg.cluster.mode === "aks" || cfg.sops.keyVault;
  const client = usesAzure ? authorization.getClientConfigOutput() : undefined;
  const resourceGroup = usesAzure
    ? new EnvironmentResourceGroup("environment", {
        name: cfg.azure.resourceGroupName,
        location: cfg.azure.location,
        existing: cfg.azure.useExistingResourceGroup,
        tags: cfg.azure.tags,
      })
    : undefined;
  const cluster = connectCluster(cfg, resourceGroup?.name, client);

  const { infraKey, appsKey } = deployKeys(cfg, githubProvider, repositories);

  const vault =
    cfg.sops.keyVault && client && resourceGroup
      ? new SopsKeyVault("sops", {
          environment: cfg.environment,
          location: cfg.azure.location,
          resourceGroupName: resourceGroup.name,
          tags: cfg.azure.tags,
          tenantId: client.tenantId,
          subscriptionId: client.subscriptionId,
          vaultName: cfg.sops.keyVaultName,
          purgeProtection: cfg.sops.purgeProtection,
          softDeleteRetentionDays: cfg.sops.softDeleteRetentionDays,
          deployerObjectIds: cfg.azure.deployerObjectIds,
          decrypterObjectIds: cfg.sops.decrypterObjectIds,
          protect: cfg.protect,
          recoverSoftDeleted: cfg.sops.recoverSoftDeletedVault,
        })
      : undefined;
  const ageKey = new SopsAgeKey("sops", {
    environment: cfg.environment,
    generations: cfg.sops.ageKeyGenerations,
    tags: cfg.azure.tags,
    keyVault: vault && resourceGroup ? { resourceGroupName: resourceGroup.name, vaultName: vault.vaultName } : undefined,
    secretDependsOn: vault?.officerAssignments,
    protect: cfg.protect,
  });

  const wi = cfg.flux.workloadIdentity;
  const fluxIdentity =
    wi === undefined || resourceGroup === undefined
      ? undefined
      : new FluxWorkloadIdentity("flux", {
          identityName: `id-${cfg.cluster.name}-flux`,
          resourceGroupName: resourceGroup.name,
          location: cfg.azure.location,
          tags: cfg.azure.tags,
          oidcIssuerUrl: cluster.oidcIssuerUrl,
          namespace: cfg.flux.namespace,
          serviceAccounts: wi.controllers,
          acrPullRegistries: wi.acrPullRegistries,
        });
  const none = pulumi.output("");
  const facts: pulumi.Output<DeployFacts> = pulumi
    .all([
      client?.subscriptionId ?? none,
      client?.tenantId ?? none,
      cluster.oidcIssuerUrl,
      vault?.vaultName ?? none,
      vault?.vaultUri ?? none,
      ageKey.recipient,
      fluxIdentity?.clientId ?? none,
    ])
    .apply(([subscriptionId, tenantId, oidcIssuerUrl, keyVaultName, keyVaultUri, sopsAgeRecipient, fluxClientId]) => ({
      subscriptionId,
      tenantId,
      oidcIssuerUrl,
      keyVaultName,
      keyVaultUri,
      sopsAgeRecipient,
      fluxClientId,
    }));
  const commitAuthor = cfg.github.commitAuthor;
  const wiringFiles = plan.wiringFiles;
  const skipPaths = await teamOwnedPathsToSkip(wiringFiles, branchFor, githubProvider);
  const wiring = new RepoWiring("wiring", {
    githubProvider,
    files: wiringFiles,
    branchFor,
    skipPaths,
    facts,
    commitAuthor,
    after: repositories,
  });

  // Push-triggered sync: the Receiver's token, and a webhook on each repository posting to its path.
  const receiver =
    plan.receiver === undefined
      ? undefined
      : new GithubWebhookReceiver(
          "receiver",
          {
            receiverName: plan.receiver.name,
            receiverNamespace: plan.receiver.namespace,
            hostname: plan.receiver.hostname,
            repositories: plan.receiver.repositories,
            tokenRotation: plan.receiver.tokenRotation,
            githubProvider,
          },
          { dependsOn: repositories },
        );

  const deployKeyOf = new Map<string, pulumi.Resource[]>([
    [infraSourceSecretName, [infraKey.deployKey]],
    ...(appsKey ? [[appsSourceSecretName, [appsKey.deployKey]] as [string, pulumi.Resource[]]] : []),
  ]);
  const secretValues = pulumi.secret(
    pulumi
      .all([infraKey.privateKey, infraKey.publicKey, appsKey?.privateKey, appsKey?.publicKey, ageKey.keys, receiver?.token])
      .apply(([infraPrivate, infraPublic, appsPrivate, appsPublic, ageKeys, receiverToken]) =>
        plan.secrets({
          infraDeployKey: { privateKey: infraPrivate, publicKey: infraPublic },
          appsDeployKey:
            appsPrivate === undefined || appsPublic === undefined ? undefined : { privateKey: appsPrivate, publicKey: appsPublic },
          ageKeys,
          notifications: revealedNotificationFacts(cfg, receiverToken),
        }),
      ),
  );
  const bootstrap = installFlux(plan.installMode, "flux", {
    componentObjects: plan.plannedClusterObjects.components,
    syncObjects: plan.plannedClusterObjects.sync,
    deployTimeContent:
      plan.factDependentObjects.size === 0
        ? undefined
        : {
            objects: facts.apply((f) => {
              const o = plan.clusterObjects(f);
              return [...o.components, ...o.sync];
            }),
            ids: plan.factDependentObjects,
          },
    secrets: Object.entries(plan.redactedSecrets).map(([secretName, shape]) => ({
      shape,
      stringData: secretValues.apply((all) => stringDataOf(all, secretName)),
      // A source Secret changes only after GitHub knows its key (a rotation registers the new
      // deploy key first and deletes the old one last), so Flux never holds an unknown key.
      after: deployKeyOf.get(shape.metadata.name) ?? [],
    })),
    kubernetesProvider: cluster.provider,
    // Flux's files are authored as `flux bootstrap` authors them (--author-name default "Flux").
    commit: {
      githubProvider,
      repository: cfg.github.infraRepository,
      branch: branchFor(cfg.github.infraRepository),
      files: plan.fluxSystemFiles,
      facts,
      commitAuthor: { name: fluxCommitAuthorName, email: commitAuthor.email },
    },
    after: [...wiring.commitsByRepository.values()],
    deletedWith: cluster.managedCluster,
    pruneCrdsOnRemoval: cfg.flux.pruneCrdsOnRemoval,
    uninstallWithKubeconfig: cluster.managedCluster ? undefined : cluster.kubeconfig,
  });

  return {
    environment: cfg.environment,
    clusterName: cluster.clusterName,
    resourceGroupName: resourceGroup?.name ?? "",
    kubeconfig: pulumi.secret(cluster.kubeconfig),
    oidcIssuerUrl: cluster.oidcIssuerUrl,
    clusterId: cluster.clusterId,
    kubeletIdentity: cluster.kubeletIdentity,
    infraRepositoryUrl: httpsRepositoryUrl(cfg.github.hostname, cfg.github.owner, cfg.github.infraRepository),
    appsRepositoryUrl: httpsRepositoryUrl(cfg.github.hostname, cfg.github.owner, cfg.github.appsRepository),
    infraDeployKey: { publicKey: infraKey.publicKey, fingerprint: infraKey.fingerprint },
    appsDeployKey: appsKey ? { publicKey: appsKey.publicKey, fingerprint: appsKey.fingerprint } : "same as infraDeployKey (monorepo)",
    sopsAgeRecipient: ageKey.recipient,
    ...(vault
      ? { keyVaultName: vault.vaultName, keyVaultSecretId: ageKey.secretUri }
      : {
          sopsAgeKey: pulumi.secret(ageKey.keys.apply((keys) => keys.map((k) => k.keyFile).join("\n"))),
          sopsAgeKeyBackup: ageKeyBackupText(cfg),
        }),
    // Read back by the next update to refuse going back or jumping (programAgeKeyRotation.ts).
    sopsAgeKeyGenerations: [...cfg.sops.ageKeyGenerations],
    fluxVersion: cfg.flux.version,
    // Read back by the next update to refuse a switch of install mode (programFlux.ts).
    [installModeOutput]: cfg.flux.installMode,
    ...(receiver ? { receiverWebhookUrl: receiver.webhookUrl } : {}),
    fluxWorkloadIdentity: fluxIdentity
      ? { clientId: fluxIdentity.clientId, principalId: fluxIdentity.principalId }
      : "not enabled (flux.workloadIdentity)",
    nextSteps: nextStepsText(cfg),
    tagsToCut: tagsToCut(cfg, bootstrap, wiring),
  };
}

/** The `stringData` of the planned Secret `name`, paired by name with its redacted shape. */
function stringDataOf(secrets: PlannedSecrets, name: string): Record<string, string> {
  const secret = Object.prototype.hasOwnProperty.call(secrets, name) ? secrets[name] : undefined;
  if (secret === undefined) throw new Error(`the plan has no Secret named ${name} once its values are known`);
  return secret.stringData as Record<string, string>;
}

/** The `tagsToCut` output: which tag makes each non-branch Flux source Ready on day 1 (docs/promotion.md). */
function tagsToCut(cfg: StackConfig, bootstrap: { readonly commits: RepositoryFiles }, wiring: RepoWiring): pulumi.Output<string> {
  const last = (files: readonly github.RepositoryFile[]) => files[files.length - 1].commitSha;
  const layout = environmentLayout(cfg.environment, cfg.apps.path, cfg.flux.namespace);
  const sources = [
    { repository: cfg.github.infraRepository, ref: cfg.flux.ref, path: layout.clusterDir, commitSha: last(bootstrap.commits.files) },
  ];
  const appsCommits = wiring.commitsByRepository.get(cfg.github.appsRepository);
  // In a monorepo the apps come from the flux-system source (flux.ref), listed above.
  if (!cfg.github.monorepo && appsCommits !== undefined && appsCommits.files.length > 0) {
    sources.push({ repository: cfg.github.appsRepository, ref: cfg.apps.ref, path: layout.appsDir, commitSha: last(appsCommits.files) });
  }
  return pulumi.all(sources.map((s) => s.commitSha)).apply((shas) => tagsToCutText(sources.map((s, i) => ({ ...s, commitSha: shas[i] }))));
}

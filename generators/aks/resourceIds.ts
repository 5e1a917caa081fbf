/** The subscription id in an Azure resource id (`/subscriptions/<id>/resourceGroups/...`). */
export function subscriptionIdOf(resourceId: string): string {
  const match = /^\/subscriptions\/([^/]+)\//i.exec(resourceId);
  if (match === null) throw new Error(`not an Azure resource id (expected /subscriptions/<id>/...): ${JSON.stringify(resourceId)}`);
  return match[1];
}

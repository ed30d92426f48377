// Which logs of which hub pods to read, from `kubectl get pods -o json`. The chart runs one hub pod,
// but a rollout, an evicted pod or a second release may leave several: every one that matches is
// read, and the time merge puts their lines in order.

/** The labels zero-to-jupyterhub puts on the hub pod, in every chart version (`hub` deployment). */
export const HUB_SELECTOR = 'app=jupyterhub,component=hub';

/** The hub's container in the chart's pod; a pod without one is read from its first container. */
const HUB_CONTAINER = 'hub';

export interface HubLog {
  pod: string;
  container: string;
  /** The container that ran before the last restart (`kubectl logs --previous`). */
  previous: boolean;
}

interface ContainerStatus {
  name?: string;
  restartCount?: number;
  state?: { running?: object; terminated?: object; waiting?: { reason?: string } };
  lastState?: { terminated?: object };
}

interface Pod {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { containers?: Array<{ name?: string }> };
  status?: { containerStatuses?: ContainerStatus[] };
}

export interface HubLogs {
  /** How many pods matched. */
  pods: number;
  logs: HubLog[];
  /** Why a matching pod or a previous container is not read. */
  notes: string[];
}

/** The logs to read, oldest pod first and, in a pod, the previous container before the current one. */
export function hubLogs(podList: unknown, previous: boolean): HubLogs {
  const items = ((podList as { items?: Pod[] } | null)?.items ?? []).filter((p) => p.metadata?.name);
  items.sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || a.metadata!.name!.localeCompare(b.metadata!.name!));
  const out: HubLogs = { pods: items.length, logs: [], notes: [] };
  for (const p of items) {
    const pod = p.metadata!.name!;
    const names = (p.spec?.containers ?? []).map((c) => c.name).filter((n): n is string => !!n);
    const container = names.includes(HUB_CONTAINER) ? HUB_CONTAINER : names[0];
    if (!container) {
      out.notes.push(`pod ${pod} has no container: skipped`);
      continue;
    }
    const status = p.status?.containerStatuses?.find((s) => s.name === container);
    const hasPrevious = status?.lastState?.terminated !== undefined || (status?.restartCount ?? 0) > 0;
    if (previous && hasPrevious) out.logs.push({ pod, container, previous: true });
    else if (previous) out.notes.push(`pod ${pod}: no previous ${container} container (it has not restarted)`);
    if (status?.state?.running || status?.state?.terminated) out.logs.push({ pod, container, previous: false });
    else out.notes.push(`pod ${pod}: its ${container} container has not started (${status?.state?.waiting?.reason ?? 'no status yet'}): not read`);
  }
  return out;
}

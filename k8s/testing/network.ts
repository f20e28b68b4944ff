// Evaluates Kubernetes NetworkPolicies the way a conforming network plugin does, for the checks
// that one pod may open a TCP connection to another: a pod selected by no policy of a direction
// is open in that direction; a selected pod allows what the union of its policies' rules allows.
// Only what the platform's policies use is modelled: matchLabels selectors, namespace selectors
// by kubernetes.io/metadata.name, numbered and named TCP ports, ipBlock peers.
import type { K8sObject } from "./tools.ts";

export interface Pod {
  namespace: string;
  labels: Record<string, string>;
  /** The pod's container ports (named ports in policies resolve against the destination's). */
  ports: { name?: string; containerPort: number }[];
}

type Direction = "ingress" | "egress";

function selects(selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>): boolean {
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

function policiesOf(policies: K8sObject[], pod: Pod, direction: Direction): K8sObject[] {
  const type = direction === "ingress" ? "Ingress" : "Egress";
  return policies.filter((p) => p.metadata.namespace === pod.namespace && selects(p.spec.podSelector, pod.labels) && (p.spec.policyTypes ?? ["Ingress"]).includes(type));
}

function portAllowed(ports: any[] | undefined, port: number, destination: Pod | undefined): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? "TCP") !== "TCP") return false;
    if (p.port === undefined || p.port === port) return true;
    return typeof p.port === "string" && Boolean(destination?.ports.some((c) => c.name === p.port && c.containerPort === port));
  });
}

function peerSelects(peer: any, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, { "kubernetes.io/metadata.name": pod.namespace }) : pod.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector ? selects(peer.podSelector, pod.labels) : true);
}

function allows(policies: K8sObject[], direction: Direction, self: Pod, peer: Pod, port: number, destination: Pod): boolean {
  const own = policiesOf(policies, self, direction);
  if (own.length === 0) return true;
  const key = direction === "ingress" ? "from" : "to";
  return own.some((p) =>
    (p.spec[direction] ?? []).some((rule: any) => {
      const peers: any[] | undefined = rule[key];
      const peerOk = !peers || peers.length === 0 || peers.some((x) => peerSelects(x, p.metadata.namespace!, peer));
      return peerOk && portAllowed(rule.ports, port, destination);
    }),
  );
}

/** Whether `from` may connect to `to` on the container port `port`: egress of one, ingress of the other. */
export function reachable(policies: K8sObject[], from: Pod, to: Pod, port: number): boolean {
  return allows(policies, "egress", from, to, port, to) && allows(policies, "ingress", to, from, port, to);
}

/** Whether `from` may connect to addresses outside the cluster on `port` (an ipBlock rule). */
export function reachesOutside(policies: K8sObject[], from: Pod, port: number, cidr?: string): boolean {
  const own = policiesOf(policies, from, "egress");
  if (own.length === 0) return true;
  return own.some((p) =>
    (p.spec.egress ?? []).some((rule: any) => {
      const peers: any[] | undefined = rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((x) => x.ipBlock && (cidr === undefined || x.ipBlock.cidr === cidr || x.ipBlock.cidr === "0.0.0.0/0"));
      return peerOk && portAllowed(rule.ports, port, undefined);
    }),
  );
}

/** The pod a workload's template describes. */
export function podOf(owner: K8sObject): Pod {
  const template = owner.spec.template;
  return {
    namespace: owner.metadata.namespace!,
    labels: template.metadata.labels ?? {},
    ports: template.spec.containers.flatMap((c: any) => c.ports ?? []),
  };
}

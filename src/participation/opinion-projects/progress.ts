/**
 * Progress of a 民意立项 project, pure: its own milestones by weight, and its sub-projects rolled up
 * as if each were one more milestone of its own weight (a street project over its community
 * projects). Rejected and cancelled sub-projects drop out. Rounded down, so only a finished tree
 * shows 100.
 */

export interface ProgressNode {
  weight: number;
  status: string;
  milestones: readonly { weight: number; progress: number }[];
  children: readonly ProgressNode[];
}

const DROPPED = new Set(['rejected', 'cancelled']);
const FINISHED = new Set(['completed', 'evaluated']);

/** Exact (unrounded) progress 0–100 of a node. */
export function exactProgress(node: ProgressNode): number {
  if (FINISHED.has(node.status)) return 100;
  const parts = [
    ...node.milestones.map((m) => ({ weight: m.weight, progress: Math.min(100, Math.max(0, m.progress)) })),
    ...node.children
      .filter((c) => !DROPPED.has(c.status))
      .map((c) => ({ weight: c.weight, progress: exactProgress(c) })),
  ].filter((p) => p.weight > 0);
  const total = parts.reduce((s, p) => s + p.weight, 0);
  if (total === 0) return 0;
  return parts.reduce((s, p) => s + p.weight * p.progress, 0) / total;
}

/** Progress as shown and cached: a whole percentage, 100 only when everything is done. */
export function rollUpProgress(node: ProgressNode): number {
  const exact = exactProgress(node);
  return exact >= 100 - 1e-9 ? 100 : Math.floor(exact);
}

/** Sub-projects still open (neither finished nor dropped): a parent cannot complete over them. */
export function unfinishedChildren<T extends { status: string }>(children: readonly T[]): T[] {
  return children.filter((c) => !FINISHED.has(c.status) && !DROPPED.has(c.status));
}

/** Shapes of the task supervision (督查督办) API (mirror src/tasks/present-task.ts and the routes). */

export type TaskStatus = 'on_track' | 'at_risk' | 'overdue' | 'done';
export type TaskColor = 'green' | 'yellow' | 'red';

export interface UnitRef {
  code: string;
  name: string;
}

export interface ProgressView {
  id: string;
  unit: string;
  role: 'lead' | 'co';
  period: string;
  text: string;
  attachments: { name: string; ref: string }[];
  done: boolean;
  reportedBy: string;
  reportedAt: string;
}

export interface CommentView {
  id: string;
  text: string;
  author: string;
  createdAt: string;
}

export interface TaskItem {
  id: string;
  planId: string;
  no: number;
  section: string | null;
  content: string;
  lead: string[];
  co: string[];
  deadline: string | null;
  dueDate: string | null;
  status: TaskStatus;
  statusName: string;
  color: TaskColor;
  reason: string;
  daysLeft: number | null;
  doneAt: string | null;
  units: { role: 'lead' | 'co'; writtenName: string; unit: UnitRef | null; match: string; done: boolean }[];
  latestProgress: ProgressView | null;
}

export interface TaskDetail extends TaskItem {
  plan: { id: string; title: string };
  progress: ProgressView[];
  comments: CommentView[];
}

export interface PlanView {
  id: string;
  title: string;
  reportCadence: 'month' | 'quarter';
  dueSoonDays: number;
  warnings: string[];
  createdBy: string;
  createdAt: string;
  counts: Record<string, number>;
}

export interface PlanDetail extends PlanView {
  tasks: TaskItem[];
}

export interface ParsedPlan {
  title: string | null;
  tasks: {
    no: number;
    section: string | null;
    content: string;
    lead: string[];
    co: string[];
    deadline: string | null;
  }[];
  warnings: string[];
  units: { name: string; match: string; units: UnitRef[]; suggestions: UnitRef[] }[];
}

export interface ImportResult {
  planId: string;
  title: string;
  tasks: number;
  links: number;
  unmatched: { name: string; taskNos: number[]; suggestions: UnitRef[] }[];
  warnings: string[];
}

export interface Bulletin {
  plan: { id: string; title: string };
  asOf: string;
  totals: Record<string, number>;
  overdue: {
    taskId: string;
    no: number;
    content: string;
    deadline: string | null;
    deadlineText: string | null;
    daysOverdue: number;
    pendingLeads: string[];
  }[];
  ranking: {
    rank: number;
    unitCode: string;
    unitName: string;
    leadTasks: number;
    done: number;
    overdue: number;
    atRisk: number;
    completionRate: number;
  }[];
}

export interface UnmatchedName {
  name: string;
  nameKey: string;
  tasks: number;
  suggestions: UnitRef[];
}

export interface TaskReminder {
  id: string;
  kind: 'due_soon' | 'overdue';
  taskId: string;
  planId: string;
  no: number;
  content: string;
  [k: string]: unknown;
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskColor, TaskStatus } from '../../api/task-types.ts';
import type { Role } from '../../api/types.ts';

/** The board's columns, worst first. */
export const BOARD: { status: TaskStatus; color: TaskColor; accent: string }[] = [
  { status: 'overdue', color: 'red', accent: '#cf1322' },
  { status: 'at_risk', color: 'yellow', accent: '#d48806' },
  { status: 'on_track', color: 'green', accent: '#389e0d' },
  { status: 'done', color: 'green', accent: '#237804' },
];

const TAG: Record<TaskStatus, string> = { overdue: 'red', at_risk: 'gold', on_track: 'green', done: 'cyan' };

export function TaskStatusTag({ status, name }: { status: TaskStatus; name?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={TAG[status]} data-testid="task-status" data-status={status}>
      {name ?? t(`taskStatus.${status}`)}
    </Tag>
  );
}

/** src/tasks/policy.ts */
export const TASK_SUPERVISORS: Role[] = ['district_admin', 'supervisor'];
export const TASK_READERS: Role[] = [
  'district_admin',
  'supervisor',
  'auditor',
  'dept_handler',
  'street_dispatcher',
];
export const TASK_REPORTERS: Role[] = ['dept_handler', 'street_dispatcher'];
export const BULLETIN_READERS: Role[] = ['district_admin', 'supervisor', 'auditor'];

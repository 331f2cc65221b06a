import { PrinterOutlined } from '@ant-design/icons';
import { Button, Select, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Target, useTargets } from './lists-api.ts';

/**
 * Picks a street or community the caller may address (GET /api/work-requests/targets): grouped by
 * street, searchable by name. `level` narrows it to communities (forms, meetings) or streets.
 */
export function TargetSelect({
  value,
  onChange,
  level,
  multiple,
  testId,
  placeholder,
}: {
  value?: string | string[];
  onChange?: (v: string | string[] | undefined) => void;
  level?: Target['level'];
  multiple?: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const targets = useTargets();
  const items = (targets.data ?? []).filter((u) => !level || u.level === level);
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const u of items) {
    const key = u.level === 'street' ? u.code : (u.streetCode ?? '');
    const label = u.level === 'street' ? u.name : (u.streetName ?? '');
    const group = groups.get(key) ?? { label, options: [] };
    group.options.push({
      value: u.code,
      label: u.level === 'street' ? `${u.name}（${t('listsPolicy.street')}）` : u.name,
    });
    groups.set(key, group);
  }
  return (
    <Select
      showSearch
      allowClear
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v: string | string[] | undefined) => onChange?.(v)}
      loading={targets.isPending}
      optionFilterProp="label"
      placeholder={
        placeholder ?? (level === 'community' ? t('listsPolicy.pickCommunity') : t('listsPolicy.pickTarget'))
      }
      options={[...groups.values()]}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/**
 * A printable sheet (one-time notice, work notice): on paper only this part shows. The print rule
 * lives here so the app's stylesheet stays as it is.
 */
export function PrintArea({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <>
      <style>{`@media print {
  body * { visibility: hidden !important; }
  .jd-print-area, .jd-print-area * { visibility: visible !important; }
  .jd-print-area { position: absolute; left: 0; top: 0; width: 100%; padding: 24px; }
}`}</style>
      <div className="jd-print-area" data-testid={testId}>
        {children}
      </div>
    </>
  );
}

export function PrintButton() {
  const { t } = useTranslation();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
      {t('listsPolicy.print')}
    </Button>
  );
}

/** A staff member by display name, with the log-in as a tooltip (records keep both). */
export function StaffName({ name, username, testId }: { name: string; username: string; testId?: string }) {
  return (
    <Tooltip title={name === username ? undefined : username}>
      <span data-testid={testId}>{name}</span>
    </Tooltip>
  );
}

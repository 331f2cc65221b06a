import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useUnits } from '../../api/queries.ts';
import type { Items } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { COMMUNITY_STAFF, type Person, type Service, usePAction, usePList } from './participation-api.ts';

/** Picks a community of the person's jurisdiction (a community worker has just their own). */
export function CommunitySelect({
  value,
  onChange,
  allowClear,
  level = 'community',
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  allowClear?: boolean;
  level?: 'community' | 'street';
}) {
  const { t } = useTranslation();
  const units = useUnits({ level });
  return (
    <Select
      showSearch
      allowClear={allowClear}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      loading={units.isPending}
      optionFilterProp="label"
      placeholder={level === 'street' ? t('participation.pickStreet') : t('participation.pickCommunity')}
      options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
      style={{ minWidth: 200, maxWidth: '100%' }}
      data-testid={`pick-${level}`}
    />
  );
}

/** A resident's name (required) and phone: in every register and in a topic's support. */
export function PersonFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t('participation.name')} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="phone" label={t('participation.phone')}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
    </>
  );
}

/** The form fields every register asks first: the home community, name, phone and ID number. */
export function RegistrantFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="communityCode" label={t('participation.community')} rules={[{ required: true }]}>
        <CommunitySelect />
      </Form.Item>
      <PersonFields />
      <Form.Item name="idNumber" label={t('participation.idNumber')}>
        <Input maxLength={18} />
      </Form.Item>
    </>
  );
}

/** "查看完整信息": asks for a reason, shows name, phone and ID number in full (the server audits it). */
export function RevealButton({ url }: { url: string }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const me = useMe().data;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<Person | null>(null);
  const [busy, setBusy] = useState(false);
  if (!hasAnyRole(me, COMMUNITY_STAFF)) return null;
  const run = async () => {
    setBusy(true);
    try {
      setShown(await api<Person>(url, { method: 'POST', body: { reason } }));
    } catch (err) {
      notification.error({ message: t('participation.failed'), description: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        {t('participation.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('participation.revealTitle')}
        onCancel={() => {
          setOpen(false);
          setShown(null);
          setReason('');
        }}
        onOk={() => void run()}
        okButtonProps={{ disabled: reason.trim().length < 2 || shown !== null, loading: busy }}
        okText={t('participation.reveal')}
      >
        {shown ? (
          <Space direction="vertical">
            <span>{shown.name}</span>
            <span>{shown.phone ?? '—'}</span>
            <span>{shown.idNumber ?? '—'}</span>
          </Space>
        ) : (
          <Input
            value={reason}
            maxLength={200}
            placeholder={t('participation.revealReason')}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('participation.revealHint')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

const STATUS_COLORS = { pending: 'gold', confirmed: 'green', rejected: 'red' } as const;

/** Service records waiting for the community: confirm, or send back with a reason. */
export function PendingServices({ path, reviewPath }: { path: string; reviewPath: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const list = usePList<Items<Service>>(path, { status: 'pending' });
  const review = usePAction<{ confirm: boolean; note?: string }>();
  const mayReview = hasAnyRole(me, COMMUNITY_STAFF);
  return (
    <List
      size="small"
      loading={list.isPending}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: t('participation.noPending') }}
      renderItem={(s) => (
        <StackedItem
          actions={
            mayReview
              ? [
                  <Button
                    key="ok"
                    size="small"
                    type="primary"
                    onClick={() =>
                      review.mutate({ path: `${reviewPath}/${s.id}/review`, body: { confirm: true } })
                    }
                  >
                    {t('participation.confirm')}
                  </Button>,
                  <Button
                    key="no"
                    size="small"
                    danger
                    onClick={() => {
                      const note = window.prompt(t('participation.rejectReason')) ?? '';
                      if (note.trim().length >= 2) {
                        review.mutate({
                          path: `${reviewPath}/${s.id}/review`,
                          body: { confirm: false, note },
                        });
                      }
                    }}
                  >
                    {t('participation.reject')}
                  </Button>,
                ]
              : []
          }
          title={`${s.person?.name ?? ''} · ${s.title}`}
          description={
            <Space wrap size={4}>
              <Tag color={STATUS_COLORS[s.status]}>{t(`participation.serviceStatus.${s.status}`)}</Tag>
              <span>{s.servedOn}</span>
              <span>{t('participation.hoursN', { n: s.hours })}</span>
              {s.kindName ? <span>{s.kindName}</span> : null}
              <span className="jd-muted">{t('participation.recordedBy', { who: s.recordedBy })}</span>
            </Space>
          }
        />
      )}
    />
  );
}

/**
 * A list row that stays readable on a phone: title and description on top, its buttons wrapped
 * underneath (antd's `actions` column would squeeze the text into a sliver on a narrow screen).
 */
export function StackedItem({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode[];
}) {
  const shown = (actions ?? []).filter(Boolean);
  return (
    <List.Item>
      <div style={{ width: '100%', minWidth: 0 }}>
        <List.Item.Meta title={title} description={description} />
        {shown.length > 0 ? (
          <Space wrap size={4} style={{ marginTop: 6 }}>
            {shown}
          </Space>
        ) : null}
      </div>
    </List.Item>
  );
}

/** A card's tools (filters, export, add) as a wrapped row in its body, so the title keeps its room. */
export function Toolbar({ children }: { children: ReactNode }) {
  return (
    <Space wrap size={8} style={{ marginBottom: 8 }}>
      {children}
    </Space>
  );
}

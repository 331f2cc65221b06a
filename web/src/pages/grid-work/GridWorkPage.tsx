import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type ChangeEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  type Attachment,
  beijingToday,
  type GridEvent,
  gridKeys,
  uploadPhoto,
  useAssignments,
  useCategories,
  useMyEvents,
  usePatrolEntries,
} from './grid-work-api.ts';
import { type Point, PointPicker } from './PointPicker.tsx';

const TABS = ['patrol', 'report', 'mine'] as const;
type Tab = (typeof TABS)[number];

/** The grid the person works: their own unit when it is a grid, else their 网格员 post. */
function useMyGrid(): { code: string; name: string } | null | undefined {
  const me = useMe().data;
  const assignments = useAssignments();
  if (!me) return undefined;
  if (me.user.unit.level === 'grid') return { code: me.user.unit.code, name: me.user.unit.name };
  if (assignments.isPending) return undefined;
  const post = assignments.data?.find(
    (a) => a.active && a.post === 'grid_worker' && a.person.name === me.user.displayName,
  );
  return post ? post.unit : null;
}

/**
 * 网格巡查: the grid worker's phone screen — today's patrol log, reporting a grid event with its
 * category, point and photos, and the events they reported, with verification of the disposed ones.
 */
export default function GridWorkPage() {
  const { t } = useTranslation();
  const grid = useMyGrid();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'patrol';
  const setTab = (key: string) => setParams({ tab: key }, { replace: true });

  if (grid === undefined) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (grid === null)
    return (
      <>
        <PageHeader title={t('gridWork.title')} />
        <Result status="info" title={t('gridWork.noGrid')} />
      </>
    );
  return (
    <div className="jd-grid-work" style={{ maxWidth: 640 }}>
      <PageHeader title={t('gridWork.title')} sub={t('gridWork.intro', { grid: grid.name })} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'patrol', label: t('gridWork.tabs.patrol'), children: <PatrolTab gridCode={grid.code} /> },
          {
            key: 'report',
            label: t('gridWork.tabs.report'),
            children: <ReportTab gridCode={grid.code} onReported={() => setTab('mine')} />,
          },
          { key: 'mine', label: t('gridWork.tabs.mine'), children: <MineTab /> },
        ]}
      />
    </div>
  );
}

interface PatrolForm {
  hours: number;
  householdsVisited: number;
  findings: string;
}

function PatrolTab({ gridCode }: { gridCode: string }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const queryClient = useQueryClient();
  const entries = usePatrolEntries();
  const today = beijingToday();
  const [form] = Form.useForm<PatrolForm>();
  const save = useMutation({
    mutationFn: (v: PatrolForm) =>
      api('/api/patrol-entries', { method: 'POST', body: { ...v, gridCode, date: today } }),
    onSuccess: async () => {
      void message.success(t('gridWork.saved'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.patrol });
    },
    onError: (err) => notification.error({ message: t('gridWork.failed'), description: errorText(t, err) }),
  });
  if (entries.isError) return <ErrorResult error={entries.error} onRetry={() => void entries.refetch()} />;
  if (entries.isPending) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const mine = entries.data.filter((e) => e.gridCode === gridCode);
  const done = mine.find((e) => e.date === today);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title={t('gridWork.patrol.today', { date: today })} data-testid="patrol-today">
        {done ? (
          <div data-testid="patrol-done">
            <Tag color="green">{t('gridWork.patrol.done')}</Tag>
            <div style={{ marginTop: 8 }}>
              {t('gridWork.patrol.hours')}：{done.hours} · {t('gridWork.patrol.households')}：
              {done.householdsVisited}
            </div>
            <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }}>
              {done.findings}
            </Typography.Paragraph>
          </div>
        ) : (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ hours: 2, householdsVisited: 0, findings: '' }}
            onFinish={(v) => save.mutate(v)}
            data-testid="patrol-form"
          >
            <Alert type="info" showIcon message={t('gridWork.patrol.none')} style={{ marginBottom: 12 }} />
            <Flex gap={12}>
              <Form.Item name="hours" label={t('gridWork.patrol.hours')} rules={[{ required: true }]}>
                <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} inputMode="decimal" />
              </Form.Item>
              <Form.Item name="householdsVisited" label={t('gridWork.patrol.households')}>
                <InputNumber min={0} max={1000} step={1} style={{ width: '100%' }} inputMode="numeric" />
              </Form.Item>
            </Flex>
            <Form.Item
              name="findings"
              label={t('gridWork.patrol.findings')}
              rules={[{ required: true, min: 2, message: t('gridWork.patrol.findings') }]}
            >
              <Input.TextArea rows={3} placeholder={t('gridWork.patrol.findingsHint')} />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={save.isPending}
              data-testid="patrol-submit"
            >
              {t('gridWork.patrol.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Typography.Text type="secondary">{t('gridWork.patrol.month', { count: mine.length })}</Typography.Text>
    </Space>
  );
}

interface ReportForm {
  categoryCode: string;
  description: string;
  address?: string;
}

function ReportTab({ gridCode, onReported }: { gridCode: string; onReported: () => void }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [form] = Form.useForm<ReportForm>();
  const [point, setPoint] = useState<Point | null>(null);
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const options = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const c of categories.data ?? []) {
      if (c.code === c.classCode) continue;
      const key = `${c.kind}-${c.classCode}`;
      const [kindName] = c.path.split('/');
      if (!groups.has(key)) groups.set(key, { label: `${kindName} · ${c.className}`, options: [] });
      groups.get(key)?.options.push({ value: c.code, label: `${c.name}（${c.className}）` });
    }
    return [...groups.values()];
  }, [categories.data]);
  const categoryCode = Form.useWatch('categoryCode', form);
  const picked = categories.data?.find((c) => c.code === categoryCode);

  const report = useMutation({
    mutationFn: (v: ReportForm) =>
      api<GridEvent>('/api/grid-events', {
        method: 'POST',
        body: { ...v, gridCode, point, photos: photos.map((p) => p.id) },
      }),
    onSuccess: async (created) => {
      void message.success(t('gridWork.report.created', { code: created.code }));
      form.resetFields();
      setPhotos([]);
      setPoint(null);
      await queryClient.invalidateQueries({ queryKey: gridKeys.mine });
      onReported();
    },
    onError: (err) => notification.error({ message: t('gridWork.failed'), description: errorText(t, err) }),
  });

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length === 0) return;
    setUploading(true);
    try {
      for (const f of files) {
        const saved = await uploadPhoto(f);
        setPhotos((list) => [...list, saved].slice(0, 9));
      }
    } catch (err) {
      notification.error({ message: t('gridWork.failed'), description: errorText(t, err) });
    } finally {
      setUploading(false);
    }
  };

  if (categories.isError)
    return <ErrorResult error={categories.error} onRetry={() => void categories.refetch()} />;
  return (
    <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)} data-testid="report-form">
      <Form.Item
        name="categoryCode"
        label={t('gridWork.report.category')}
        rules={[{ required: true, message: t('gridWork.report.category') }]}
        extra={
          picked
            ? t(picked.limit.unit === 'hours' ? 'gridWork.report.limitHours' : 'gridWork.report.limitDays', {
                amount: picked.limit.amount,
              })
            : undefined
        }
      >
        <Select
          showSearch
          loading={categories.isPending}
          optionFilterProp="label"
          placeholder={t('gridWork.report.categoryHint')}
          options={options}
          data-testid="report-category"
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('gridWork.report.description')}
        rules={[{ required: true, min: 5, message: t('gridWork.report.descriptionHint') }]}
      >
        <Input.TextArea rows={3} placeholder={t('gridWork.report.descriptionHint')} />
      </Form.Item>
      <Form.Item name="address" label={t('gridWork.report.address')}>
        <Input placeholder={t('gridWork.report.addressHint')} />
      </Form.Item>
      <Form.Item label={t('gridWork.report.point')}>
        <PointPicker gridCode={gridCode} value={point} onChange={setPoint} />
      </Form.Item>
      <Form.Item label={t('gridWork.report.photo')}>
        <Flex gap={8} wrap>
          {photos.map((p) => (
            <div key={p.id} style={{ position: 'relative' }} data-testid="report-photo">
              <img
                src={`/api/files/${p.id}`}
                alt={p.name}
                style={{
                  width: 72,
                  height: 72,
                  objectFit: 'cover',
                  borderRadius: 6,
                  border: '1px solid #eee',
                }}
              />
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={p.name}
                style={{ position: 'absolute', top: 0, right: 0, background: 'rgba(255,255,255,0.8)' }}
                onClick={() => setPhotos((list) => list.filter((x) => x.id !== p.id))}
              />
            </div>
          ))}
          <Button
            icon={<CameraOutlined />}
            loading={uploading}
            disabled={photos.length >= 9}
            onClick={() => fileInput.current?.click()}
            style={{ height: 72 }}
          >
            {uploading ? t('gridWork.report.uploading') : t('gridWork.report.addPhoto')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            style={{ display: 'none' }}
            onChange={(e) => void onFiles(e)}
            data-testid="report-photo-input"
          />
        </Flex>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={report.isPending}
        disabled={uploading}
        data-testid="report-submit"
      >
        {t('gridWork.report.submit')}
      </Button>
    </Form>
  );
}

function MineTab() {
  const { t } = useTranslation();
  const events = useMyEvents();
  const [verifying, setVerifying] = useState<GridEvent | null>(null);
  if (events.isError) return <ErrorResult error={events.error} onRetry={() => void events.refetch()} />;
  if (events.isPending) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const toVerify = events.data.filter((e) => e.status === 'disposed');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {toVerify.length > 0 ? (
        <Card size="small" title={t('gridWork.mine.toVerify')} data-testid="to-verify">
          <EventList items={toVerify} onVerify={setVerifying} />
        </Card>
      ) : null}
      <Card size="small" title={t('gridWork.mine.all')}>
        <EventList items={events.data} />
      </Card>
      {verifying ? <VerifyModal event={verifying} onClose={() => setVerifying(null)} /> : null}
    </Space>
  );
}

function EventList({ items, onVerify }: { items: GridEvent[]; onVerify?: (e: GridEvent) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('gridWork.mine.empty')} />;
  return (
    <List
      dataSource={items}
      data-testid="my-events"
      renderItem={(e) => (
        <List.Item
          key={e.id}
          data-testid="my-event"
          data-code={e.code}
          actions={
            onVerify
              ? [
                  <Button key="verify" type="primary" size="small" onClick={() => onVerify(e)}>
                    {t('gridWork.mine.verifyPass')}/{t('gridWork.mine.verifyFail')}
                  </Button>,
                ]
              : undefined
          }
        >
          <div style={{ minWidth: 0, width: '100%' }}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>{e.code}</Typography.Text>
              <Tag
                color={e.overdue ? 'red' : e.status === 'closed' ? 'green' : 'blue'}
                data-status={e.status}
              >
                {e.statusName}
              </Tag>
            </Flex>
            <div className="jd-muted">{e.category.path}</div>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
              {e.description}
            </Typography.Paragraph>
            <Flex gap={8} wrap className="jd-muted" style={{ fontSize: 12 }}>
              <span>{new Date(e.createdAt).toLocaleString()}</span>
              {e.photos.length > 0 ? (
                <span>{t('gridWork.mine.photos', { count: e.photos.length })}</span>
              ) : null}
              {e.handler ? <span>{t('gridWork.mine.handler', { name: e.handler.name })}</span> : null}
              {e.dueAt ? (
                <span>{t('gridWork.mine.due', { date: new Date(e.dueAt).toLocaleString() })}</span>
              ) : null}
            </Flex>
          </div>
        </List.Item>
      )}
    />
  );
}

function VerifyModal({ event, onClose }: { event: GridEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const queryClient = useQueryClient();
  const [passed, setPassed] = useState(true);
  const [note, setNote] = useState('');
  const verify = useMutation({
    mutationFn: () =>
      api(`/api/grid-events/${event.id}/actions`, {
        method: 'POST',
        body: { kind: 'verify', passed, note: note.trim() || null },
      }),
    onSuccess: async () => {
      void message.success(t('gridWork.saved'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.mine });
      onClose();
    },
    onError: (err) => notification.error({ message: t('gridWork.failed'), description: errorText(t, err) }),
  });
  return (
    <Modal
      open
      title={event.code}
      onCancel={onClose}
      okText={t('gridWork.mine.confirm')}
      onOk={() => verify.mutate()}
      okButtonProps={{ loading: verify.isPending, disabled: !passed && note.trim().length < 2 }}
    >
      <Typography.Paragraph>{event.description}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Flex gap={8}>
          <Button type={passed ? 'primary' : 'default'} onClick={() => setPassed(true)}>
            {t('gridWork.mine.verifyPass')}
          </Button>
          <Button danger={!passed} type={passed ? 'default' : 'primary'} onClick={() => setPassed(false)}>
            {t('gridWork.mine.verifyFail')}
          </Button>
        </Flex>
        {passed ? null : (
          <Input.TextArea
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('gridWork.mine.failReasonHint')}
            aria-label={t('gridWork.mine.failReason')}
          />
        )}
      </Space>
    </Modal>
  );
}

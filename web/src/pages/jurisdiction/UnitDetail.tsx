import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  Modal,
  Space,
  Spin,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { keys, useUnit } from '../../api/queries.ts';
import { COMMUNITY_FLAGS, type OrgUnit, type UnitAttributesPatch } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatNumber } from '../../components/format.ts';

const EDITABLE_LEVELS = new Set(['street', 'community', 'grid']);

/** The "演示数据" mark: values the demo filled in and nobody has confirmed yet. */
export function DemoTag({ unit }: { unit: Pick<OrgUnit, 'attrsAreDemo'> }) {
  const { t } = useTranslation();
  if (!unit.attrsAreDemo) return null;
  return (
    <Tooltip title={t('common.demoDataHint')}>
      <Tag color="orange" bordered={false} data-testid="demo-tag">
        {t('common.demoData')}
      </Tag>
    </Tooltip>
  );
}

/** One unit's attributes; district admins may edit them (audited on the server). */
export function UnitDetail({ code, onUpdated }: { code?: string; onUpdated?: (unit: OrgUnit) => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const unit = useUnit(code);
  const [editing, setEditing] = useState(false);

  if (!code) {
    return (
      <Card title={t('jurisdiction.details')} size="small">
        <Empty description={t('jurisdiction.selectHint')} />
      </Card>
    );
  }
  if (unit.isError) {
    return (
      <Card title={t('jurisdiction.details')} size="small" data-testid="unit-detail-error">
        <ErrorResult error={unit.error} onRetry={() => void unit.refetch()} />
      </Card>
    );
  }
  if (unit.isPending) {
    return (
      <Card title={t('jurisdiction.details')} size="small">
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      </Card>
    );
  }
  const u = unit.data;
  const canEdit = hasAnyRole(me, ['district_admin']) && EDITABLE_LEVELS.has(u.level);
  return (
    <Card
      size="small"
      data-testid="unit-detail"
      title={
        <Space wrap size={4}>
          <span>{u.name}</span>
          <DemoTag unit={u} />
        </Space>
      }
      extra={
        canEdit ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(true)}
            data-testid="edit-unit"
          >
            {t('jurisdiction.editAttrs')}
          </Button>
        ) : null
      }
    >
      {u.ancestors.length > 0 ? (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={u.ancestors.map((a) => ({
            key: a.code,
            title: <Link to={`/jurisdiction/${a.code}`}>{a.name}</Link>,
          }))}
        />
      ) : null}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('jurisdiction.code')}>{u.code}</Descriptions.Item>
        <Descriptions.Item label={t('jurisdiction.level')}>{t(`levels.${u.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('jurisdiction.households')}>
          <span data-testid="unit-households">{formatNumber(u.households)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('jurisdiction.population')}>
          {formatNumber(u.population)}
        </Descriptions.Item>
        <Descriptions.Item label={t('jurisdiction.area')}>{formatNumber(u.areaKm2)}</Descriptions.Item>
        <Descriptions.Item label={t('jurisdiction.boundary')}>
          {u.hasBoundary ? t('jurisdiction.hasBoundary') : t('jurisdiction.noBoundary')}
        </Descriptions.Item>
        {u.level === 'community' || u.flags.length > 0 ? (
          <Descriptions.Item label={t('jurisdiction.flags')} span={2}>
            {u.flags.length === 0
              ? t('common.none')
              : u.flags.map((f) => (
                  <Tag key={f} color="purple">
                    {t(`flags.${f}`, { defaultValue: f })}
                  </Tag>
                ))}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {canEdit ? (
        <EditAttributesModal
          unit={u}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onUpdated?.(saved);
          }}
        />
      ) : null}
    </Card>
  );
}

interface AttrForm {
  households: number | null;
  population: number | null;
  areaKm2: number | null;
  flags: string[];
}

function EditAttributesModal({
  unit,
  open,
  onClose,
  onSaved,
}: {
  unit: OrgUnit;
  open: boolean;
  onClose: () => void;
  onSaved: (unit: OrgUnit) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AttrForm>();
  const withFlags = unit.level === 'community';

  const save = useMutation({
    mutationFn: (patch: UnitAttributesPatch) =>
      api<OrgUnit>(`/api/org-units/${unit.code}`, { method: 'PATCH', body: patch }),
    onSuccess: async (saved) => {
      void message.success(t('jurisdiction.saved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.unit(unit.code) }),
        queryClient.invalidateQueries({ queryKey: ['units'] }),
      ]);
      onSaved(saved);
    },
  });

  return (
    <Modal
      open={open}
      title={t('jurisdiction.editTitle', { name: unit.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<AttrForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          households: unit.households,
          population: unit.population,
          areaKm2: unit.areaKm2,
          flags: unit.flags.filter((f) => (COMMUNITY_FLAGS as readonly string[]).includes(f)),
        }}
        onFinish={(v) => {
          const patch: UnitAttributesPatch = {
            households: v.households ?? null,
            population: v.population ?? null,
            areaKm2: v.areaKm2 ?? null,
          };
          if (withFlags) patch.flags = v.flags as UnitAttributesPatch['flags'];
          save.mutate(patch);
        }}
      >
        <p className="jd-muted">{t('jurisdiction.editAudited')}</p>
        <Form.Item label={t('jurisdiction.households')} name="households">
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('jurisdiction.population')} name="population">
          <InputNumber min={0} max={50_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('jurisdiction.area')} name="areaKm2">
          <InputNumber min={0} max={100_000} step={0.01} style={{ width: '100%' }} />
        </Form.Item>
        {withFlags ? (
          <Form.Item label={t('jurisdiction.flags')} name="flags">
            <Checkbox.Group options={COMMUNITY_FLAGS.map((f) => ({ value: f, label: t(`flags.${f}`) }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

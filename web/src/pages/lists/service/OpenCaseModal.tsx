import { useMutation } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useMe } from '../../../app/session.ts';
import {
  type ListItem,
  type OneTimeNotice,
  type ServiceCase,
  useEffectiveList,
  useLpAction,
} from '../lists-api.ts';
import { limitLabel } from './service-format.ts';

export interface CaseResult {
  serviceCase: ServiceCase;
  notice: OneTimeNotice;
}

/**
 * 一口受理: a catalog item taken at this window by the logged-in staff member (the first responder),
 * at the window, by appointment or handled on the resident's behalf (代办). Materials brought are
 * ticked; if any is missing the resident gets ONE notice listing all of them.
 */
export function OpenCaseModal({
  open,
  station,
  onClose,
  onDone,
  onBlankNotice,
}: {
  open: boolean;
  station: string;
  onClose: () => void;
  onDone: (r: CaseResult) => void;
  onBlankNotice: (n: OneTimeNotice) => void;
}) {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.service.${k}`, o ?? {});
  const me = useMe().data;
  const [form] = Form.useForm();
  const catalog = useEffectiveList('service_catalog', station);
  const itemCode = Form.useWatch<string | undefined>('itemCode', form);
  const channel = Form.useWatch<string | undefined>('channel', form) ?? 'window';
  const item: ListItem | undefined = catalog.data?.items.find((i) => i.itemCode === itemCode);
  const d = item?.details;
  const openCase = useLpAction<Record<string, unknown>, CaseResult>('POST', { successText: false });
  const blank = useMutation({
    mutationFn: (code: string) =>
      api<OneTimeNotice>('/api/service/notice', { query: { station, item: code } }),
    onSuccess: onBlankNotice,
  });
  return (
    <Modal
      open={open}
      title={l('openTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={l('openOk')}
      okButtonProps={{ 'data-testid': 'case-submit' } as Record<string, string>}
      confirmLoading={openCase.isPending}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'window', providedMaterials: [] }}
        onValuesChange={(changed: Record<string, unknown>) => {
          if ('itemCode' in changed) form.setFieldsValue({ providedMaterials: [], channel: 'window' });
        }}
        onFinish={(v: Record<string, unknown>) => {
          const appointment = v.channel === 'appointment';
          openCase.mutate(
            {
              path: '/api/service/cases',
              body: {
                stationCode: station,
                itemCode: v.itemCode,
                channel: v.channel,
                applicantName: v.applicantName,
                ...(v.applicantPhone ? { applicantPhone: v.applicantPhone } : {}),
                ...(v.channel === 'proxy' ? { proxyAgent: v.proxyAgent } : {}),
                ...(appointment
                  ? { appointmentAt: new Date(`${v.appointmentAt}:00+08:00`).toISOString() }
                  : {}),
                providedMaterials: appointment ? [] : v.providedMaterials,
              },
            },
            {
              onSuccess: (r) => {
                form.resetFields();
                onDone(r);
              },
            },
          );
        }}
      >
        <Form.Item name="itemCode" label={l('item')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={catalog.isPending}
            options={(catalog.data?.items ?? []).map((i) => ({
              value: i.itemCode,
              label: `${i.itemCode} ${i.name}`,
            }))}
            data-testid="case-item"
          />
        </Form.Item>
        {d ? (
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            data-testid="case-item-details"
          >
            <Descriptions.Item label={l('conditions')}>{d.conditions || l('noConditions')}</Descriptions.Item>
            <Descriptions.Item label={l('materialsAll')}>
              {d.materials.join('；') || l('noMaterials')}
            </Descriptions.Item>
            <Descriptions.Item label={l('timeLimit')}>{limitLabel(t, d.timeLimit)}</Descriptions.Item>
            <Descriptions.Item label={l('where')}>
              {d.whereHandled}
              {d.proxyAllowed ? `（${l('proxyAllowed')}）` : `（${l('inPerson')}）`}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Form.Item name="channel" label={l('channel')}>
          <Segmented
            options={(['window', 'appointment', 'proxy'] as const).map((c) => ({
              value: c,
              label: l(`channels.${c}`),
              disabled: c === 'proxy' && Boolean(d) && !d?.proxyAllowed,
            }))}
          />
        </Form.Item>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item name="applicantName" label={l('applicant')} rules={[{ required: true, max: 50 }]}>
            <Input maxLength={50} data-testid="case-applicant" />
          </Form.Item>
          <Form.Item name="applicantPhone" label={l('phone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/ }]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          {channel === 'proxy' ? (
            <Form.Item name="proxyAgent" label={l('proxyAgent')} rules={[{ required: true, max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          ) : null}
          {channel === 'appointment' ? (
            <Form.Item name="appointmentAt" label={l('appointmentAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
          ) : null}
        </Space>
        {channel !== 'appointment' && d && d.materials.length > 0 ? (
          <Form.Item name="providedMaterials" label={l('brought')} extra={l('providedHint')}>
            <Checkbox.Group
              options={d.materials.map((m) => ({ value: m, label: m }))}
              data-testid="case-materials"
            />
          </Form.Item>
        ) : null}
        <Space wrap style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary">
            {l('firstResponderIs', { name: me?.user.displayName ?? '' })}
          </Typography.Text>
          <Button
            size="small"
            disabled={!item}
            loading={blank.isPending}
            onClick={() => item && blank.mutate(item.itemCode)}
            data-testid="blank-notice"
          >
            {l('blankNotice')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

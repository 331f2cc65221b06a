import { Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ServiceCase, useEffectiveList, useLpAction } from '../lists-api.ts';
import type { CaseResult } from './OpenCaseModal.tsx';

/**
 * 补齐受理: the resident is back (after the appointment or the one-time notice) with materials; all
 * of them present → accepted and the working-day clock starts; still missing → notified again.
 */
export function AcceptModal({
  serviceCase,
  onClose,
  onDone,
}: {
  serviceCase: ServiceCase | null;
  onClose: () => void;
  onDone: (r: CaseResult) => void;
}) {
  const { t } = useTranslation();
  const l = (k: string) => t(`listsPolicy.service.${k}`);
  const [form] = Form.useForm();
  const catalog = useEffectiveList('service_catalog', serviceCase?.stationCode);
  const materials =
    catalog.data?.items.find((i) => i.itemCode === serviceCase?.itemCode)?.details?.materials ?? [];
  const accept = useLpAction<Record<string, unknown>, CaseResult>('POST', { successText: false });
  return (
    <Modal
      open={serviceCase !== null}
      title={`${l('accept')}：${serviceCase?.itemName ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={accept.isPending}
      okButtonProps={{ 'data-testid': 'accept-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form
        key={materials.length}
        form={form}
        layout="vertical"
        initialValues={{
          providedMaterials: materials.filter((m) => !serviceCase?.missingMaterials.includes(m)),
        }}
        onFinish={(v: { providedMaterials: string[] }) =>
          accept.mutate(
            { path: `/api/service/cases/${serviceCase?.id}/accept`, body: v },
            { onSuccess: onDone },
          )
        }
      >
        <Form.Item name="providedMaterials" label={l('brought')} extra={l('providedHint')}>
          <Checkbox.Group
            options={materials.map((m) => ({ value: m, label: m }))}
            data-testid="accept-materials"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 办结: the result; whether it met its due date is recorded by the server. */
export function CompleteModal({
  serviceCase,
  onClose,
}: {
  serviceCase: ServiceCase | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = (k: string) => t(`listsPolicy.service.${k}`);
  const [form] = Form.useForm();
  const complete = useLpAction<Record<string, unknown>>('POST', { successText: l('completed') });
  return (
    <Modal
      open={serviceCase !== null}
      title={`${l('complete')}：${serviceCase?.itemName ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { result: string }) =>
          complete.mutate(
            { path: `/api/service/cases/${serviceCase?.id}/complete`, body: v },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item name="result" label={l('result')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors.ts';
import { useLpAction } from '../lists-api.ts';
import type { ActivePolicy } from './policy-types.ts';

const pretty = (v: unknown): string => JSON.stringify(v, null, 2) ?? '';

/**
 * 调整单条规则: the district's own value for one rule, written as the rule's JSON (a number, or the
 * rule's object), and the citation of the district's approving document — both required. The server
 * checks the value against the rule's schema and audits the change.
 */
export function OverrideModal({
  policy,
  ruleKey,
  onClose,
}: {
  policy: ActivePolicy;
  /** null: closed; '': pick the rule in the dialog. */
  ruleKey: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.admin.${k}`, o ?? {});
  const [form] = Form.useForm();
  const chosenKey = Form.useWatch<string | undefined>('ruleKey', form);
  const rule = policy.rules.find((r) => r.key === chosenKey);
  const save = useLpAction<Record<string, unknown>>('PUT', { silent: true, successText: l('overrideSaved') });
  const close = () => {
    save.reset();
    onClose();
  };
  const existing = policy.overrides.find((o) => o.ruleKey === ruleKey);
  return (
    <Modal
      open={ruleKey !== null}
      title={l('overrideTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'override-submit' } as Record<string, string>}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          ruleKey
            ? {
                ruleKey,
                value: pretty(policy.rules.find((r) => r.key === ruleKey)?.value),
                source: existing?.source ?? '',
              }
            : {}
        }
        onValuesChange={(changed: Record<string, unknown>) => {
          save.reset();
          if ('ruleKey' in changed) {
            const r = policy.rules.find((x) => x.key === changed.ruleKey);
            form.setFieldValue('value', r ? pretty(r.value) : '');
          }
        }}
        onFinish={(v: { ruleKey: string; value: string; source: string }) =>
          save.mutate(
            {
              path: `/api/policy/overrides/${encodeURIComponent(v.ruleKey)}`,
              body: { value: JSON.parse(v.value) as unknown, source: v.source.trim() },
            },
            { onSuccess: close },
          )
        }
      >
        <Form.Item name="ruleKey" label={l('rule')} rules={[{ required: true }]}>
          <Select
            showSearch
            disabled={Boolean(ruleKey)}
            options={policy.rules.map((r) => ({ value: r.key, label: r.key }))}
            data-testid="override-rule"
          />
        </Form.Item>
        {rule ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {l('currentSource')}：{rule.source}
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="value"
          label={l('value')}
          extra={l('valueHint')}
          rules={[
            { required: true },
            {
              validator: async (_, text: string) => {
                if (!text) return;
                try {
                  JSON.parse(text);
                } catch {
                  throw new Error(l('valueNotJson'));
                }
              },
            },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 14 }}
            style={{ fontFamily: 'monospace' }}
            data-testid="override-value"
          />
        </Form.Item>
        <Form.Item
          name="source"
          label={l('citation')}
          extra={l('citationHint')}
          rules={[{ required: true, whitespace: true, message: l('citationRequired') }]}
        >
          <Input.TextArea
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 4 }}
            data-testid="override-source"
          />
        </Form.Item>
      </Form>
      {save.error ? <Alert type="error" showIcon role="alert" message={errorText(t, save.error)} /> : null}
    </Modal>
  );
}

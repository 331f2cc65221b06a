import { Button, Card, Form, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';

export type ActionValues = Record<string, unknown>;

/**
 * A case's action bar: one button per action the server allows now (in the caller's order; the
 * usual next step primary, refusals in red), each opening its form in a dialog. Submitting calls
 * `submit`; the dialog closes when it resolves and stays open on an error (the app's mutation cache
 * shows the message). Demands (ActionPanel) and grid events (EventActions) use it.
 */
export function ActionDialogs<K extends string>(props: {
  title: string;
  /** Shown when no action is allowed. */
  none: string;
  submitText: string;
  cancelText: string;
  /** The allowed actions, in the order to offer them. */
  allowed: readonly K[];
  primary: ReadonlySet<K>;
  danger: ReadonlySet<K>;
  nameOf: (kind: K) => string;
  /** Test ids: the card, the "none" text, each button (`${prefix}-${kind}`), the form, the OK button. */
  testIds: { card: string; none: string; buttonPrefix: string; form: string; submit: string };
  pending: boolean;
  /** e.g. while a photo uploads. */
  submitDisabled?: boolean;
  submit: (kind: K, values: ActionValues) => Promise<unknown>;
  fields: (kind: K) => ReactNode;
}) {
  const [open, setOpen] = useState<K | null>(null);
  const [form] = Form.useForm<ActionValues>();
  const { testIds } = props;
  const onFinish = (values: ActionValues) => {
    if (!open) return;
    props.submit(open, values).then(
      () => setOpen(null),
      () => undefined, // shown by the mutation cache; the dialog stays open to correct the input
    );
  };
  return (
    <Card size="small" title={props.title} data-testid={testIds.card}>
      {props.allowed.length === 0 ? (
        <span className="jd-muted" data-testid={testIds.none}>
          {props.none}
        </span>
      ) : (
        <Space wrap>
          {props.allowed.map((k) => (
            <Button
              key={k}
              type={props.primary.has(k) ? 'primary' : 'default'}
              danger={props.danger.has(k)}
              onClick={() => {
                form.resetFields();
                setOpen(k);
              }}
              data-testid={`${testIds.buttonPrefix}-${k}`}
            >
              {props.nameOf(k)}
            </Button>
          ))}
        </Space>
      )}
      <Modal
        open={open !== null}
        title={open ? props.nameOf(open) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={props.submitText}
        cancelText={props.cancelText}
        confirmLoading={props.pending}
        destroyOnHidden
        okButtonProps={{
          disabled: props.submitDisabled ?? false,
          ...({ 'data-testid': testIds.submit } as Record<string, string>),
        }}
      >
        {open ? (
          <Form<ActionValues>
            form={form}
            layout="vertical"
            preserve={false}
            onFinish={onFinish}
            data-testid={testIds.form}
          >
            {props.fields(open)}
            {/* Enter in a single-line field submits, as in every form */}
            <button type="submit" hidden aria-hidden tabIndex={-1} />
          </Form>
        ) : null}
      </Modal>
    </Card>
  );
}

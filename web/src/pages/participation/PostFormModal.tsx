import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { usePAction } from './participation-api.ts';

/**
 * A modal form that posts to a participation route (`toRequest` turns the values into the path and
 * body). Once the server accepts, it closes and clears its fields; `keepValues` leaves them for the
 * next opening.
 */
export function PostFormModal<V extends object = Record<string, unknown>>({
  open,
  title,
  onClose,
  toRequest,
  initialValues,
  keepValues,
  children,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  toRequest: (values: V) => { path: string; body: unknown };
  initialValues?: NoInfer<Partial<V>>;
  keepValues?: boolean;
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  const post = usePAction<unknown>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={post.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) =>
          post.mutate(toRequest(values), {
            onSuccess: () => {
              if (!keepValues) form.resetFields();
              onClose();
            },
          })
        }
      >
        {children}
      </Form>
    </Modal>
  );
}

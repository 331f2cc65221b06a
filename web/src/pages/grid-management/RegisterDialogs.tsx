import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ClampedText } from '../../components/ClampedText.tsx';
import { mgmtKeys, type ProblemItem, type ProblemRegister } from './grid-management-api.ts';

/** After any register change: the register itself, the street's pending lists. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...mgmtKeys.all, 'register'] });
}

function Dialog({
  title,
  onClose,
  onOk,
  busy,
  children,
}: {
  title: string;
  onClose: () => void;
  onOk: () => void;
  busy: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={onOk}
      okText={t('gridMgmt.actions.submit')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'register-dialog-submit' } as Record<string, string>}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}

/** 添加事项 / 即报即办: a problem or suggestion for the month's register, or a major item now. */
export function AddItemModal({
  register,
  major,
  onClose,
}: {
  register: ProblemRegister;
  major: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ kind: 'problem' | 'suggestion'; content: string }>();
  const add = useMutation({
    mutationFn: (v: { kind: string; content: string }) =>
      api('/api/problem-items', {
        method: 'POST',
        body: { ...v, communityCode: register.community.code, month: register.month, major },
      }),
    onSuccess: async () => {
      void message.success(t('gridMgmt.saved'));
      await refresh();
      onClose();
    },
  });
  const r = (k: string) => t(`gridMgmt.register.${k}`);
  return (
    <Dialog
      title={major ? r('reportMajor') : r('add')}
      onClose={onClose}
      onOk={form.submit}
      busy={add.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} data-testid="register-item-form">
        <Form.Item name="kind" label={r('kind')} initialValue={major ? 'problem' : 'suggestion'}>
          <Radio.Group
            options={(['problem', 'suggestion'] as const).map((k) => ({ value: k, label: r(`kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={r('content')}
          rules={[{ required: true, min: 5, message: r('contentHint') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={r('contentHint')} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

/** 签批: the street's principal leader and a 包办领导 for every line (the server insists on all). */
export function SignOffModal({ register, onClose }: { register: ProblemRegister; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ leaderName: string; leaders: Record<string, string> }>();
  const signOff = useMutation({
    mutationFn: (v: { leaderName: string; leaders: Record<string, string> }) =>
      api(`/api/problem-registers/${register.community.code}/${register.month}/sign-off`, {
        method: 'POST',
        body: {
          leaderName: v.leaderName,
          items: register.items.map((i) => ({ itemId: i.id, responsibleLeader: v.leaders[i.id] })),
        },
      }),
    onSuccess: async () => {
      void message.success(t('gridMgmt.saved'));
      await refresh();
      onClose();
    },
  });
  const r = (k: string) => t(`gridMgmt.register.${k}`);
  const name = [{ required: true, min: 2, message: t('gridMgmt.actions.minChars', { min: 2 }) }];
  return (
    <Dialog title={r('signOffTitle')} onClose={onClose} onOk={form.submit} busy={signOff.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => signOff.mutate(v)} data-testid="sign-off-form">
        <Form.Item name="leaderName" label={r('leaderName')} rules={name}>
          <Input maxLength={50} />
        </Form.Item>
        {register.items.map((item, n) => (
          <Form.Item
            key={item.id}
            name={['leaders', item.id]}
            label={`${n + 1}. ${r('responsibleLeader')}`}
            extra={
              <ClampedText rows={2} title={item.content} className="jd-muted">
                {item.content}
              </ClampedText>
            }
            rules={name}
          >
            <Input maxLength={50} data-testid="sign-off-leader" />
          </Form.Item>
        ))}
      </Form>
    </Dialog>
  );
}

/** A line's step: assign a major item's leaders at once, or record the 落实情况 of an assigned line. */
export function ItemActionModal({
  item,
  kind,
  onClose,
}: {
  item: ProblemItem;
  kind: 'assign' | 'resolve';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<Record<string, string>>();
  const act = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(`/api/problem-items/${item.id}/actions`, { method: 'POST', body: { kind, ...v } }),
    onSuccess: async () => {
      void message.success(t('gridMgmt.saved'));
      await refresh();
      onClose();
    },
  });
  const r = (k: string) => t(`gridMgmt.register.${k}`);
  const min = (n: number) => [
    { required: true, min: n, message: t('gridMgmt.actions.minChars', { min: n }) },
  ];
  return (
    <Dialog title={r(kind)} onClose={onClose} onOk={form.submit} busy={act.isPending}>
      <Typography.Paragraph>{item.content}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
        {kind === 'assign' ? (
          <>
            <Form.Item name="leaderName" label={r('leaderName')} rules={min(2)}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="responsibleLeader" label={r('responsibleLeader')} rules={min(2)}>
              <Input maxLength={50} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="result" label={r('result')} rules={min(2)}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Dialog>
  );
}

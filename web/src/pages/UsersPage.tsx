import { EyeOutlined, SafetyCertificateOutlined, UnlockOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { keys, useUsers } from '../api/queries.ts';
import { ROLES, type UserView } from '../api/types.ts';
import { hasAnyRole, useMe } from '../app/session.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { formatTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';

/** Roles allowed to see a full phone number (src/jurisdiction/people/policy.ts revealPhone). */
const REVEAL_ROLES = ['district_admin', 'auditor'] as const;

/** 用户: accounts in the person's jurisdiction, phones masked; an audited "显示" for allowed roles. */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const users = useUsers();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [revealed, setRevealed] = useState<Record<string, string | null>>({});
  const [revealing, setRevealing] = useState<UserView | null>(null);
  const [adding, setAdding] = useState(false);
  const canReveal = hasAnyRole(me, REVEAL_ROLES);
  const isAdmin = hasAnyRole(me, ['district_admin']);

  const unlock = useMutation({
    mutationFn: (u: UserView) => api<UserView>(`/api/users/${u.id}/unlock`, { method: 'POST' }),
    onSuccess: (u) => {
      void message.success(t('users.unlocked', { name: u.displayName }));
      void queryClient.invalidateQueries({ queryKey: keys.users });
    },
  });

  const resetTotp = useMutation({
    mutationFn: (u: UserView) => api<void>(`/api/users/${u.id}/totp/reset`, { method: 'POST' }),
    onSuccess: (_, u) => {
      void message.success(t('account.resetOk', { name: u.displayName }));
      void queryClient.invalidateQueries({ queryKey: keys.users });
    },
  });
  const confirmReset = (u: UserView) =>
    modal.confirm({
      title: t('account.resetTotp'),
      content: t('account.resetConfirm', { name: u.displayName }),
      onOk: () => resetTotp.mutateAsync(u),
    });

  if (users.isError) return <ErrorResult error={users.error} onRetry={() => void users.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        sub={t('common.total', { count: users.data?.length ?? 0 })}
        extra={
          isAdmin ? (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
              {t('users.add')}
            </Button>
          ) : null
        }
      />
      <Table<UserView>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={users.data}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        data-testid="users-table"
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 120 },
          { title: t('users.name'), dataIndex: 'displayName', width: 110 },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (v: string[]) => v.map((r) => <Tag key={r}>{t(`roles.${r}`, { defaultValue: r })}</Tag>),
          },
          { title: t('users.unit'), dataIndex: ['unit', 'name'] },
          {
            title: t('users.phone'),
            dataIndex: 'phone',
            width: 190,
            render: (phone: string | null, u) => {
              const full = revealed[u.id];
              return (
                <Space size={4}>
                  <span data-testid={`phone-${u.username}`}>{full ?? phone ?? t('common.none')}</span>
                  {canReveal && u.phoneMasked && full === undefined ? (
                    <Button
                      size="small"
                      type="link"
                      icon={<EyeOutlined />}
                      onClick={() => setRevealing(u)}
                      aria-label={t('users.revealFor', { name: u.displayName })}
                      data-testid={`reveal-${u.username}`}
                    >
                      {t('users.reveal')}
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
          {
            title: t('users.status'),
            width: 90,
            render: (_, u) =>
              u.locked ? (
                <Tag color="red">{t('users.locked')}</Tag>
              ) : u.active ? (
                <Tag color="green">{t('users.active')}</Tag>
              ) : (
                <Tag>{t('users.inactive')}</Tag>
              ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 170,
            render: (v: string | null) => (v ? formatTime(v) : t('users.never')),
          },
          ...(isAdmin
            ? [
                {
                  title: t('users.actions'),
                  width: 200,
                  render: (_: unknown, u: UserView) => (
                    <Space size={4}>
                      {u.locked ? (
                        <Tooltip title={t('users.unlock')}>
                          <Button
                            size="small"
                            icon={<UnlockOutlined />}
                            loading={unlock.isPending && unlock.variables?.id === u.id}
                            onClick={() => unlock.mutate(u)}
                          >
                            {t('users.unlock')}
                          </Button>
                        </Tooltip>
                      ) : null}
                      {u.totpEnabled ? (
                        <Button
                          size="small"
                          icon={<SafetyCertificateOutlined />}
                          onClick={() => confirmReset(u)}
                          data-testid={`totp-reset-${u.username}`}
                        >
                          {t('account.resetTotp')}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RevealPhoneModal
        user={revealing}
        onClose={() => setRevealing(null)}
        onRevealed={(id, phone) => {
          setRevealed((r) => ({ ...r, [id]: phone }));
          setRevealing(null);
        }}
      />
      {isAdmin ? <AddUserModal open={adding} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

function RevealPhoneModal({
  user,
  onClose,
  onRevealed,
}: {
  user: UserView | null;
  onClose: () => void;
  onRevealed: (id: string, phone: string | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      api<{ phone: string | null }>(`/api/users/${v.id}/reveal-phone`, {
        method: 'POST',
        body: { reason: v.reason },
      }),
    onSuccess: (r, v) => {
      void message.success(t('users.revealed'));
      onRevealed(v.id, r.phone);
    },
  });
  return (
    <Modal
      open={user !== null}
      title={user ? `${t('users.revealTitle')} · ${user.displayName}` : t('users.revealTitle')}
      okText={t('users.reveal')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reveal.isPending}
      destroyOnHidden
    >
      <p className="jd-muted">{t('users.revealReasonHint')}</p>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => user && reveal.mutate({ id: user.id, reason: v.reason.trim() })}
      >
        <Form.Item
          label={t('users.revealReason')}
          name="reason"
          rules={[{ required: true, min: 2, whitespace: true, message: t('users.revealReasonRequired') }]}
        >
          <Input.TextArea autoFocus rows={2} maxLength={200} showCount data-testid="reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AddUserForm {
  username: string;
  displayName: string;
  phone?: string;
  unitCode: string;
  roles: string[];
  password: string;
}

function AddUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AddUserForm>();
  const add = useMutation({
    mutationFn: (body: AddUserForm) =>
      api<UserView>('/api/users', { method: 'POST', body: { ...body, phone: body.phone || null } }),
    onSuccess: (u) => {
      void message.success(t('users.created', { name: u.displayName }));
      void queryClient.invalidateQueries({ queryKey: keys.users });
      onClose();
    },
  });
  const required = [{ required: true, message: t('users.required') }];
  return (
    <Modal
      open={open}
      title={t('users.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form<AddUserForm> form={form} layout="vertical" preserve={false} onFinish={(v) => add.mutate(v)}>
        <Form.Item label={t('users.username')} name="username" rules={required}>
          <Input autoComplete="off" autoCapitalize="none" />
        </Form.Item>
        <Form.Item label={t('users.name')} name="displayName" rules={required}>
          <Input />
        </Form.Item>
        <Form.Item label={t('users.phone')} name="phone">
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item
          label={t('users.unitCode')}
          name="unitCode"
          rules={required}
          extra={t('users.unitCodeHint')}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item label={t('users.roles')} name="roles" rules={required}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('users.password')}
          name="password"
          rules={required}
          extra={t('users.passwordHint')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { mgmtKeys } from './grid-management-api.ts';
import {
  type Assignment,
  GRID_POSTS,
  NAMED_POSTS,
  type Post,
  postKeys,
  useCandidates,
} from './posts-indicators-api.ts';

interface Values {
  post: Post;
  username?: string;
  personName?: string;
  phone?: string;
  area?: string;
}

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * 设岗: a post on a grid (网格员, 街巷长, 楼栋长) or the community's party secretary. The person is
 * an account of that community holding the post's role (the server lists them); 街巷长/楼栋长 may
 * instead be a resident named by hand.
 */
export function PostDialog({
  unit,
  community,
  onClose,
}: {
  unit: { code: string; name: string; level: 'grid' | 'community' };
  community: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const posts: Post[] = unit.level === 'community' ? ['party_secretary'] : GRID_POSTS;
  const post = Form.useWatch('post', form) ?? posts[0];
  const username = Form.useWatch('username', form);
  const candidates = useCandidates(unit.code, post);
  const named = post !== undefined && NAMED_POSTS.has(post);
  const p = (k: string) => t(`gridMgmt.posts.${k}`);
  const assign = useMutation({
    mutationFn: (v: Values) =>
      api<Assignment>('/api/grid-assignments', {
        method: 'POST',
        body: {
          unitCode: unit.code,
          post: v.post,
          username: v.username || undefined,
          personName: v.username ? undefined : trimmed(v.personName),
          phone: trimmed(v.phone),
          area: trimmed(v.area),
        },
      }),
    onSuccess: async (a) => {
      void message.success(t('gridMgmt.posts.assigned', { name: a.person.name, post: p(`names.${a.post}`) }));
      await queryClient.invalidateQueries({ queryKey: postKeys.assignments(community) });
      void queryClient.invalidateQueries({ queryKey: mgmtKeys.staffing });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('gridMgmt.posts.assignTitle', { unit: unit.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('gridMgmt.actions.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      destroyOnHidden
      okButtonProps={{ ...({ 'data-testid': 'post-submit' } as Record<string, string>) }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => assign.mutate(v)}
        initialValues={{ post: posts[0] }}
        data-testid="post-form"
      >
        <Form.Item name="post" label={p('post')} rules={[{ required: true }]}>
          <Select
            options={posts.map((k) => ({ value: k, label: p(`names.${k}`) }))}
            onChange={() => form.setFieldValue('username', undefined)}
            data-testid="post-pick"
          />
        </Form.Item>
        <Form.Item
          name="username"
          label={p('account')}
          extra={named ? p('orName') : undefined}
          rules={named ? [] : [{ required: true, message: p('needPerson') }]}
        >
          <Select
            showSearch
            allowClear
            optionFilterProp="label"
            placeholder={p('accountHint')}
            loading={candidates.isPending}
            notFoundContent={candidates.isPending ? undefined : p('noCandidates')}
            options={(candidates.data ?? []).map((u) => ({
              value: u.username,
              label: `${u.displayName}（${u.unit.name}）`,
            }))}
            data-testid="post-account"
          />
        </Form.Item>
        {named && !username ? (
          <>
            <Form.Item
              name="personName"
              label={p('personName')}
              rules={[{ required: true, min: 2, message: p('needPerson') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="phone" label={p('phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </>
        ) : null}
        {unit.level === 'grid' ? (
          <Form.Item name="area" label={p('area')}>
            <Input maxLength={100} placeholder={p('areaHint')} />
          </Form.Item>
        ) : null}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

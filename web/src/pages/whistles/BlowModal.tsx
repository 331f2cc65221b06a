import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useDepartments } from '../../api/queries.ts';
import { useMe } from '../../app/session.ts';
import { fetchPartyMembers, type PartyMember, type WhistleDetail, whistleKeys } from './whistles-api.ts';

interface BlowForm {
  title: string;
  description: string;
  address?: string;
  summons?: string[];
  members?: string[];
  reportWithinHours: number;
  actWithinWorkingDays: number;
}

/** Whom each level may summon (src/whistles/model.ts STREET_SUMMONABLE / COMMUNITY_SUMMONABLE). */
const STREET_SUMMONABLE = ['department', 'stationed', 'company', 'resident_unit'];
const COMMUNITY_SUMMONABLE = ['stationed', 'company', 'resident_unit'];

const memberLabel = (m: PartyMember) =>
  [m.name, m.workUnit ? `（${m.workUnit}）` : '', m.phone ? ` ${m.phone}` : ''].join('');

/**
 * 吹哨: title, problem, place, whom to summon and the two deadlines. A street summons units; a
 * community (社区吹哨、党员报到) summons the units around it and/or its registered party members,
 * picked from the community's register.
 */
export function BlowModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const community = me?.user.unit.level === 'community';
  const departments = useDepartments();
  const members = useQuery({
    queryKey: ['whistles', 'party-members'],
    queryFn: fetchPartyMembers,
    enabled: community,
  });
  const [form] = Form.useForm<BlowForm>();
  const summonable = community ? COMMUNITY_SUMMONABLE : STREET_SUMMONABLE;
  const options = (departments.data ?? [])
    .filter((d) => summonable.includes(d.level))
    .map((d) => ({ value: d.code, label: d.name }));
  const blow = useMutation({
    mutationFn: (v: BlowForm) =>
      api<WhistleDetail>('/api/whistles', {
        method: 'POST',
        body: {
          title: v.title,
          description: v.description,
          address: v.address || null,
          reportWithinHours: v.reportWithinHours,
          actWithinWorkingDays: v.actWithinWorkingDays,
          summons: [
            ...(v.summons ?? []).map((unitCode) => ({ unitCode })),
            ...(v.members ?? []).map((partyMemberId) => ({ partyMemberId })),
          ],
        },
      }),
    onSuccess: async (w) => {
      void message.success(t('whistles.saved'));
      await queryClient.invalidateQueries({ queryKey: whistleKeys.all });
      onClose();
      void navigate(`/whistles/${w.id}`);
    },
    onError: (err) => notification.error({ message: t('whistles.failed'), description: errorText(t, err) }),
  });
  // at least one unit or member; a street has only the units field
  const someone = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: () =>
      ((getFieldValue('summons') as string[] | undefined)?.length ?? 0) +
        ((getFieldValue('members') as string[] | undefined)?.length ?? 0) >
      0
        ? Promise.resolve()
        : Promise.reject(new Error(t('whistles.summonSomeone'))),
  });
  return (
    <Modal
      open
      title={t('whistles.blowTitle')}
      onCancel={onClose}
      okText={t('whistles.blow')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: blow.isPending, 'data-testid': 'blow-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reportWithinHours: 2, actWithinWorkingDays: 3, summons: [], members: [] }}
        onFinish={(v) => blow.mutate(v)}
        data-testid="blow-form"
      >
        <Form.Item name="title" label={t('whistles.fields.title')} rules={[{ required: true, min: 4 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('whistles.fields.description')}
          rules={[{ required: true, min: 5 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="address" label={t('whistles.fields.address')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="summons"
          label={t('whistles.fields.summons')}
          dependencies={['members']}
          rules={[someone]}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={options}
            loading={departments.isPending}
          />
        </Form.Item>
        {community ? (
          <Form.Item
            name="members"
            label={t('whistles.fields.members')}
            extra={members.data?.length === 0 ? t('whistles.noMembers') : t('whistles.membersHint')}
          >
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              loading={members.isPending}
              options={(members.data ?? []).map((m) => ({ value: m.id, label: memberLabel(m) }))}
              data-testid="blow-members"
            />
          </Form.Item>
        ) : null}
        <Flex gap={12}>
          <Form.Item name="reportWithinHours" label={t('whistles.fields.reportWithinHours')}>
            <InputNumber min={0.5} max={720} step={0.5} />
          </Form.Item>
          <Form.Item name="actWithinWorkingDays" label={t('whistles.fields.actWithinWorkingDays')}>
            <InputNumber min={1} max={60} step={1} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

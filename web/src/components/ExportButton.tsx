import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Progress } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOptions } from '../api/client.ts';
import { downloadFile } from '../api/download.ts';
import { errorText } from '../api/errors.ts';

/**
 * "导出 Excel": downloads an export from the API with its progress shown on the button (the server
 * builds the workbook first, then the bytes arrive), and tells the person when it is saved.
 */
export function ExportButton({
  path,
  query,
  label,
  size,
  testId,
}: {
  path: string;
  query?: RequestOptions['query'];
  label?: string;
  size?: ButtonProps['size'];
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const [state, setState] = useState<{ busy: boolean; percent: number | null }>({
    busy: false,
    percent: null,
  });
  const run = async () => {
    setState({ busy: true, percent: null });
    try {
      const name = await downloadFile(path, query, (received, total) =>
        setState({ busy: true, percent: total > 0 ? Math.round((100 * received) / total) : null }),
      );
      void message.success(t('export.saved', { name }));
    } catch (err) {
      notification.error({ message: t('export.failed'), description: errorText(t, err) });
    } finally {
      setState({ busy: false, percent: null });
    }
  };
  return (
    <Button
      icon={<FileExcelOutlined />}
      size={size}
      loading={state.busy}
      onClick={() => void run()}
      data-testid={testId}
      aria-busy={state.busy}
    >
      {state.busy ? (
        <span>
          {t('export.preparing')}
          {state.percent !== null ? (
            <Progress
              percent={state.percent}
              size="small"
              showInfo={false}
              style={{ width: 48, margin: '0 0 0 6px', display: 'inline-block' }}
            />
          ) : null}
        </span>
      ) : (
        (label ?? t('export.excel'))
      )}
    </Button>
  );
}
